using Grpc.Core;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests;

/// <summary>Terms in working days, expiry by the sweeper, and extension, with a clock the test moves.</summary>
public sealed class ExpiryTests
{
    // Thursday 2 April 2026, 10:00 in Amsterdam (CEST): Goede Vrijdag and Paasmaandag follow.
    private static readonly DateTimeOffset BeforeEaster = new(2026, 4, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Send_BeforeEaster_ExpiresAtEndOfFifthWorkingDay()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(BeforeEaster);

        // Act
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));

        // Assert: 7, 8, 9, 10 and 13 April are the five working days; the term ends at midnight in Amsterdam.
        Assert.Equal(new DateTimeOffset(2026, 4, 13, 22, 0, 0, TimeSpan.Zero), sent.ExpireTime.ToDateTimeOffset());
        Assert.Equal(new Date { Year = 2026, Month = 4, Day = 20 }, sent.ReplyDueDate);
    }

    [Fact]
    public async Task Send_BeforeChristmas_SkipsHolidaysAndWeekend()
    {
        // Arrange: Wednesday 23 December 2026, 15:00 in Amsterdam.
        await using var node = await TestNode.StartAsync(new DateTimeOffset(2026, 12, 23, 14, 0, 0, TimeSpan.Zero));

        // Act
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Kennisgeving, Demo.Woonstichting));

        // Assert: 24, 28, 29, 30 and 31 December; no reply term for a Kennisgeving.
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero), sent.ExpireTime.ToDateTimeOffset());
        Assert.Null(sent.ReplyDueDate);
    }

    [Fact]
    public async Task Sweeper_ClockPastTerm_ExpiresAndDeletesContent()
    {
        // Arrange
        await using var node = await TestNode.StartAsync(BeforeEaster);
        var marker = Demo.Marker();
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting, content: marker));

        // Act: just before the end nothing happens; just after, the sweeper expires it.
        node.Time.SetUtcNow(sent.ExpireTime.ToDateTimeOffset().AddSeconds(-1));
        await Task.Delay(300);
        var before = await TrailState(node, sent.MessageId);
        node.Time.SetUtcNow(sent.ExpireTime.ToDateTimeOffset().AddSeconds(1));
        await Eventually.TrueAsync(() => TrailState(node, sent.MessageId).GetAwaiter().GetResult() == EnvelopeState.Expired);
        var fetched = await node.Exchange(Demo.Woonstichting).FetchAllAsync();
        await node.StopAsync();

        // Assert
        Assert.Equal(EnvelopeState.Pending, before);
        Assert.Empty(fetched);
        DatabaseFiles.AssertNotContained(node.DatabasePath, marker);
    }

    [Fact]
    public async Task ExtendHandlingTerm_EntitledRecipient_ExtendsOnce()
    {
        // Arrange: the Woonstichting has the Verlengen afhandeltermijn attribute.
        await using var node = await TestNode.StartAsync(BeforeEaster);
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        var client = node.Exchange(Demo.Woonstichting);

        // Act
        var extended = await client.ExtendHandlingTermAsync(new ExtendHandlingTermRequest { MessageId = sent.MessageId, Days = 14 }, Demo.Call);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 4, 27, 22, 0, 0, TimeSpan.Zero), extended.Envelope.ExpireTime.ToDateTimeOffset());
        Assert.Equal(14, extended.Envelope.ExtensionDays);
        await RpcAssert.ThrowsAsync(StatusCode.FailedPrecondition, ErrorReason.ExtensionNotAllowed,
            () => client.ExtendHandlingTermAsync(new ExtendHandlingTermRequest { MessageId = sent.MessageId, Days = 7 }, Demo.Call).ResponseAsync);
    }

    [Fact]
    public async Task ExtendHandlingTerm_WithoutAttribute_PermissionDenied()
    {
        await using var node = await TestNode.StartAsync();
        var sent = await node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.EnergieNoord));

        await RpcAssert.ThrowsAsync(StatusCode.PermissionDenied, ErrorReason.ExtensionNotAllowed,
            () => node.Exchange(Demo.EnergieNoord).ExtendHandlingTermAsync(new ExtendHandlingTermRequest { MessageId = sent.MessageId, Days = 7 }, Demo.Call).ResponseAsync);
    }

    [Fact]
    public async Task ExtendHandlingTerm_WrongDays_InvalidArgumentOnDays()
    {
        await using var node = await TestNode.StartAsync();

        await RpcAssert.ThrowsAsync(StatusCode.InvalidArgument, ErrorReason.InvalidField,
            () => node.Exchange(Demo.Woonstichting).ExtendHandlingTermAsync(new ExtendHandlingTermRequest { MessageId = Guid.NewGuid().ToString(), Days = 10 }, Demo.Call).ResponseAsync,
            "days");
    }

    private static async Task<EnvelopeState> TrailState(TestNode node, string messageId)
    {
        var trail = await node.Exchange(Demo.Gemeente).ListTrailAsync(new ListTrailRequest { Direction = TrailDirection.Sent }, Demo.Call);
        return trail.Entries.Single(e => e.Envelope.MessageId == messageId).Envelope.State;
    }
}
