using Skn.Sdk;
using Skn.V1;

namespace Skn.Sdk.Tests.EndToEnd;

/// <summary>Receiving through the SDK: the processor form, redelivery after a failing handler, follow mode across a node restart.</summary>
public sealed class ReceivingTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private SknClient _gemeente = null!;
    private SknClient _woonstichting = null!;

    public async Task InitializeAsync()
    {
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
    public async Task ProcessAsync_ManyBerichten_AllHandledAndAcknowledged()
    {
        // Arrange
        const int count = 40;
        for (var i = 0; i < count; i++)
        {
            await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));
        }

        var handled = new List<string>();

        // Act
        var acknowledged = await _woonstichting.ProcessAsync(
            (message, _) =>
            {
                handled.Add(message.MessageId);
                return Task.CompletedTask;
            },
            new FetchOptions { MaxInFlight = 8 });

        // Assert
        Assert.Equal(count, acknowledged);
        Assert.Equal(count, handled.Distinct().Count());
        var trail = await _woonstichting.ListTrailAsync(new TrailOptions { Direction = TrailDirection.Received }).ToListAsync();
        Assert.All(trail, e => Assert.Equal(EnvelopeState.Acknowledged, e.Envelope.State));
    }

    [Fact]
    public async Task ProcessAsync_HandlerThrows_NotAcknowledgedAndDeliveredAgain()
    {
        // Arrange
        var sent = await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));

        // Act
        var first = await _woonstichting.ProcessAsync((_, _) => throw new InvalidOperationException("database down"));
        var attempts = new List<int>();
        var second = await _woonstichting.ProcessAsync((message, _) =>
        {
            attempts.Add(message.Attempt);
            return Task.CompletedTask;
        });

        // Assert
        Assert.Equal(0, first);
        Assert.Equal(1, second);
        Assert.Equal([2], attempts);
        var entry = Assert.Single(await _woonstichting.ListTrailAsync(new TrailOptions { Direction = TrailDirection.Received }).ToListAsync());
        Assert.Equal(sent.MessageId, entry.Envelope.MessageId);
        Assert.Equal(EnvelopeState.Acknowledged, entry.Envelope.State);
    }

    [Fact]
    public async Task FetchAsync_FollowAcrossNodeRestart_ReconnectsAndReceivesLaterBerichten()
    {
        // Arrange
        var port = _node.Address.Port;
        using var stop = new CancellationTokenSource(Demo.Timeout * 2);
        var received = new System.Collections.Concurrent.ConcurrentQueue<ReceivedMessage>();
        var follower = Task.Run(async () =>
        {
            try
            {
                await _woonstichting.ProcessAsync(
                    (message, _) =>
                    {
                        received.Enqueue(message);
                        return Task.CompletedTask;
                    },
                    new FetchOptions { Follow = true, HeartbeatInterval = TimeSpan.FromSeconds(1) },
                    stop.Token);
            }
            catch (OperationCanceledException)
            {
                // The test ends the follower.
            }
        });
        var before = await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));
        await Eventually.TrueAsync(() => received.Count == 1);

        // Act: the node goes away and comes back on the same address.
        await _node.StopAsync();
        await _node.StartAgainAsync(new() { ["Skn:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var after = await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));
        await Eventually.TrueAsync(() => received.Count == 2);
        await stop.CancelAsync();
        await follower;

        // Assert
        Assert.Equal([before.MessageId, after.MessageId], received.Select(m => m.MessageId));
        var trail = await Eventually.ValueAsync(
            () => _woonstichting.ListTrailAsync(new TrailOptions { Direction = TrailDirection.Received }).ToListAsync().AsTask(),
            entries => entries.All(e => e.Envelope.State == EnvelopeState.Acknowledged));
        Assert.Equal(2, trail.Count);
    }

    [Fact]
    public async Task AcknowledgeAsync_ReceiptsFromAnotherClient_AcknowledgesThoseDeliveries()
    {
        // Arrange: one process fetches and keeps the receipts; a later one acknowledges with them.
        await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));
        await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));
        var receipts = new List<string>();
        await foreach (var message in _woonstichting.FetchAsync())
        {
            receipts.Add(message.Receipt!);
        }

        // Act
        await using var later = Clients.For(_node, Demo.Woonstichting);
        var outcomes = await later.AcknowledgeAsync(receipts);

        // Assert
        Assert.Equal(receipts, outcomes.Select(o => o.Receipt));
        Assert.All(outcomes, o => Assert.Equal(AcknowledgeOutcome.Acknowledged, o.Outcome));
        Assert.Empty(await later.FetchAsync().ToListAsync());
    }

    [Fact]
    public async Task FetchAsync_SnapshotOfMoreThanTheCreditCap_YieldsAllWithoutAcknowledging()
    {
        // Arrange: list work: a creditor exports every open Saldoverzoek (more than any stream may hold).
        const int count = 270;
        for (var i = 0; i < count; i++)
        {
            await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));
        }

        // Act
        var exported = await _woonstichting.FetchAsync(new FetchOptions { Snapshot = true }).ToListAsync();
        var answered = await _woonstichting.AcknowledgeAsync(exported.Take(10).Select(m => m.Receipt!));
        var again = await _woonstichting.FetchAsync(new FetchOptions { Snapshot = true }).ToListAsync();

        // Assert
        Assert.Equal(count, exported.Select(m => m.MessageId).Distinct().Count());
        Assert.All(answered, a => Assert.Equal(AcknowledgeOutcome.Acknowledged, a.Outcome));
        Assert.Equal(exported.Skip(10).Select(m => m.MessageId), again.Select(m => m.MessageId));
    }

    [Fact]
    public async Task FetchAsync_MessageCarriesEnvelopeMetadataAndSigner()
    {
        // Arrange
        var sent = await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));

        // Act
        var message = Assert.Single(await _woonstichting.ReceiveAllAsync());

        // Assert
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal(BerichtType.Saldoverzoek, message.Type);
        Assert.Equal(Demo.Gemeente, message.SenderOin);
        Assert.Equal(Demo.Gemeente, message.Sender.Oin);
        Assert.Equal(Role.Shv, message.Sender.Role);
        Assert.Equal(sent.ConversationId, message.ConversationId);
        Assert.Equal(sent.ReplyDueDate, message.ReplyDueDate);
        Assert.Equal(1, message.Attempt);
        Assert.True(message.Envelope.SealedContent.IsEmpty);
        Assert.Equal(_node.ParticipantCertificate(Demo.Gemeente).Thumbprint, message.Signer.Thumbprint);
        Assert.Throws<InvalidOperationException>(() => message.GetBericht<Betaalvoorstel>());
    }
}
