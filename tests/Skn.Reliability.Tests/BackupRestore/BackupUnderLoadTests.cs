using System.Collections.Concurrent;
using Grpc.Core;
using Skn.Reliability.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Reliability.Tests.BackupRestore;

/// <summary>
/// Issue 9, part 4: an online backup taken while senders keep a node busy holds every send the node
/// confirmed before the backup began, restores into a store that passes SQLite's integrity check,
/// and a node started on the restored folder serves those berichten.
/// </summary>
public sealed class BackupUnderLoadTests : IDisposable
{
    private static readonly (string Sender, string Recipient)[] Lanes =
    [
        (Demo.Gemeente, Demo.Woonstichting),
        (Demo.Kredietbank, Demo.EnergieNoord),
        (Demo.Gemeente, Demo.Belasting),
        (Demo.Kredietbank, Demo.Woonstichting),
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "skn-backup-" + Guid.NewGuid().ToString("N"));

    private string Live => Path.Combine(_root, "live");

    private string Restored => Path.Combine(_root, "restored");

    private string BackupFile => Path.Combine(_root, "backups", "skn.tar.gz");

    [Fact]
    public async Task Backup_WhileSendersRun_RestoredStoreHoldsEverySendConfirmedBeforeIt()
    {
        // Arrange: a node with four senders sending as fast as it confirms.
        await using var node = await NodeProcess.StartListeningAsync(Live, FreePort.Next());
        var confirmed = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var senders = Lanes.Select(lane => Task.Run(() => SendUntilStoppedAsync(node, lane.Sender, lane.Recipient, confirmed, stop.Token))).ToList();
        await Eventually.TrueAsync(() => confirmed.Count >= 200);

        // Act: the backup runs while the senders go on; then restore it into a new folder.
        var confirmedBeforeBackup = confirmed.ToArray();
        var backup = await NodeVerb.RunAsync("backup", "--to", BackupFile, "--include-keys", $"--Skn:DataDirectory={Live}");
        var sentDuringBackup = confirmed.Count - confirmedBeforeBackup.Length;
        await stop.CancelAsync();
        await Task.WhenAll(senders);
        var restore = await NodeVerb.RunAsync("restore", "--from", BackupFile, $"--Skn:DataDirectory={Restored}");

        // Assert: the restored store is sound and holds every send confirmed before the backup began.
        Assert.True(backup.ExitCode == 0, backup.ToString());
        Assert.True(sentDuringBackup > 0, "The senders should have gone on while the backup ran.");
        Assert.True(restore.ExitCode == 0, restore.ToString());
        using (var store = StoreFile.OpenReadOnly(Path.Combine(Restored, "skn.db")))
        {
            Assert.Equal("ok", store.IntegrityCheck());
            var envelopes = store.Envelopes();
            Assert.All(confirmedBeforeBackup, sent => Assert.True(envelopes.ContainsKey(sent.Key), $"{sent.Key}, confirmed before the backup, is not in it."));
        }

        // Assert: a node on the restored folder serves them to their recipients.
        await using var restoredNode = await NodeProcess.StartListeningAsync(Restored, FreePort.Next());
        foreach (var recipient in Lanes.Select(l => l.Recipient).Distinct())
        {
            var expected = confirmedBeforeBackup.Where(s => s.Value == recipient).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            var served = await ListPendingAsync(restoredNode, recipient);
            Assert.Empty(expected.Except(served));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static async Task SendUntilStoppedAsync(NodeProcess node, string sender, string recipient, ConcurrentDictionary<string, string> confirmed, CancellationToken stop)
    {
        using var channel = NodeChannels.Create(node.Address, node.DataDirectory, sender);
        var client = new ExchangeService.ExchangeServiceClient(channel);
        while (!stop.IsCancellationRequested)
        {
            var envelope = Demo.Envelope(BerichtType.Saldoverzoek, recipient);
            try
            {
                var response = await client.SendAsync(new SendRequest { Envelope = envelope }, Demo.Call.WithCancellationToken(stop));
                confirmed[response.Envelope.MessageId] = recipient;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && stop.IsCancellationRequested)
            {
                // The test stopped the senders mid-call: that send was never confirmed.
            }
        }
    }

    /// <summary>Every bericht pending for the recipient, listed once without leases (snapshot mode).</summary>
    private static async Task<HashSet<string>> ListPendingAsync(NodeProcess node, string recipient)
    {
        using var channel = NodeChannels.Create(node.Address, node.DataDirectory, recipient);
        var client = new ExchangeService.ExchangeServiceClient(channel);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var call = client.FetchPending(new FetchPendingRequest { Snapshot = true }, Demo.Call);
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            if (response.Delivery is { } delivery)
            {
                ids.Add(delivery.Envelope.MessageId);
            }
        }

        return ids;
    }
}
