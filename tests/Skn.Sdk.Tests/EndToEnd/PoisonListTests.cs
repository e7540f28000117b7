using System.Collections.Concurrent;
using Skn.Sdk;
using Skn.V1;

namespace Skn.Sdk.Tests.EndToEnd;

/// <summary>A bericht whose handler always throws ends on the poison list instead of looping forever.</summary>
public sealed class PoisonListTests : IAsyncLifetime
{
    private const int MaxFailedDeliveries = 3;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private TestNode _node = null!;
    private SknClient _gemeente = null!;
    private SknClient _woonstichting = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(settings: new()
        {
            ["Skn:MaxFailedDeliveries"] = MaxFailedDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
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
    public async Task ProcessAsync_HandlerAlwaysThrows_EndsOnThePoisonListAfterMaxAttempts_AndReleaseDeliversItAgain()
    {
        // Arrange: a follow consumer whose handler fails on one bericht until it is fixed.
        var poison = await _gemeente.SendAsync(Demo.Woonstichting, Berichten.Saldoverzoek(withBsn: false, withMeterstanden: false));
        var fixedHandler = false;
        var failedAttempts = new ConcurrentQueue<int>();
        var handled = new ConcurrentQueue<(string MessageId, int Attempt)>();
        using var stop = new CancellationTokenSource(Demo.Timeout * 2);
        var consumer = Task.Run(() => _woonstichting.ProcessAsync(
            (message, _) =>
            {
                if (!Volatile.Read(ref fixedHandler))
                {
                    failedAttempts.Enqueue(message.Attempt);
                    throw new InvalidOperationException("The handler cannot process this bericht.");
                }

                handled.Enqueue((message.MessageId, message.Attempt));
                return Task.CompletedTask;
            },
            new FetchOptions { Follow = true },
            stop.Token));

        // Act: each failed delivery's lease runs out, and the node delivers it again, until the limit.
        for (var attempt = 1; attempt <= MaxFailedDeliveries; attempt++)
        {
            await Eventually.TrueAsync(() => failedAttempts.Count == attempt);
            _node.Time.Advance(Lease + TimeSpan.FromSeconds(1));
        }

        var poisonList = await Eventually.ValueAsync(
            () => _woonstichting.ListPoisonedAsync().ToListAsync().AsTask(), entries => entries.Count == 1);
        await Task.Delay(500); // a fourth delivery, if the node made one, would reach the handler by now
        var failuresBeforeRelease = failedAttempts.ToArray();
        Volatile.Write(ref fixedHandler, true);
        var released = await _woonstichting.ReleasePoisonedAsync([poison.MessageId]);
        await Eventually.TrueAsync(() => !handled.IsEmpty);
        var trail = await Eventually.ValueAsync(
            () => _woonstichting.ListTrailAsync(new TrailOptions { Direction = TrailDirection.Received }).ToListAsync().AsTask(),
            entries => entries.All(e => e.Envelope.State == EnvelopeState.Acknowledged));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => consumer);

        // Assert
        Assert.Equal([1, 2, 3], failuresBeforeRelease);
        Assert.Equal(poison.MessageId, Assert.Single(poisonList).Envelope.MessageId);
        Assert.Equal(EnvelopeState.Poisoned, poisonList[0].Envelope.State);
        Assert.Equal([(poison.MessageId, ReleasePoisonedOutcome.Released)], released);
        Assert.Equal([(poison.MessageId, 4)], handled);
        Assert.Equal(poison.MessageId, Assert.Single(trail).Envelope.MessageId);
    }
}
