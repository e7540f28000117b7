using Skn.Sdk;
using Skn.V1;

namespace Skn.Sdk.Tests.EndToEnd;

/// <summary>A creditor watches its own promise to answer requests within 10 working days.</summary>
public sealed class DeadlineTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private SknClient _gemeente = null!;
    private SknClient _woonstichting = null!;

    public async Task InitializeAsync()
    {
        // Monday 23 November 2026, 10:00 in Amsterdam.
        _node = await TestNode.StartAsync();
        _gemeente = Clients.For(_node, Demo.Gemeente);
        _woonstichting = Clients.For(_node, Demo.Woonstichting);
    }

    public async Task DisposeAsync()
    {
        await _gemeente.DisposeAsync();
        await _woonstichting.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task ListOpenRequestsAsync_OneOfTwoAnswered_ListsTheOtherWithItsDueDate()
    {
        // Arrange
        var answeredRequest = await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));
        var openRequest = await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Betaalvoorstel(withBsn: false, withVtlb: false, withMeterstanden: false));
        await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Kennisgeving(withBsn: false)); // expects no answer
        foreach (var message in await _woonstichting.ReceiveAllAsync())
        {
            if (message.MessageId == answeredRequest.MessageId)
            {
                await _woonstichting.ReplyAsync(message, Berichten.SaldoverzoekAntwoord());
            }
        }

        // Act
        var open = await _woonstichting.ListOpenRequestsAsync();

        // Assert: 10 working days after Monday 23 November is Monday 7 December.
        var request = Assert.Single(open);
        Assert.Equal(openRequest.MessageId, request.MessageId);
        Assert.Equal(BerichtType.Betaalvoorstel, request.Type);
        Assert.Equal(Demo.Gemeente, request.SenderOin);
        Assert.Equal(new DateOnly(2026, 12, 7), request.ReplyDueDate);
        Assert.Equal(10, request.WorkingDaysLeft);
        Assert.False(request.IsOverdue);
        Assert.Equal(EnvelopeState.Acknowledged, request.State);
    }

    [Fact]
    public async Task ListOpenRequestsAsync_AfterTheDueDate_Overdue()
    {
        // Arrange: the request is never even fetched.
        await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));

        // Act: Wednesday 9 December, two working days after the due date.
        _node.Time.Advance(TimeSpan.FromDays(16));
        var open = await _woonstichting.ListOpenRequestsAsync();

        // Assert
        var request = Assert.Single(open);
        Assert.True(request.IsOverdue);
        Assert.Equal(-2, request.WorkingDaysLeft);
    }
}
