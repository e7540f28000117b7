using System.Diagnostics;
using Skn.Domain.Storage;
using Skn.Store.Sqlite;
using Skn.V1;

namespace Skn.Bench.StoreLoop;

/// <summary>
/// The mailbox workload at P=C=1 on the node's store alone, in this process: no gRPC, no node, no
/// second process competing for the cores. One producer sends 2 KB envelopes one at a time, each
/// durable before the next; one consumer leases what is pending and acknowledges it. What the store
/// itself allows per message on this disk, to set beside the node's end-to-end figure.
/// </summary>
internal sealed class StoreLoopBenchmark(string workDirectory, TextWriter progress)
{
    private const string Sender = "00000001000000000001";
    private const string Recipient = "00000002000000000001";

    public async Task<StoreLoopResult> RunAsync(int messages, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(workDirectory, "store-loop");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow;
        var body = new byte[2048];
        Random.Shared.NextBytes(body);
        await using var store = await SqliteMessageStore.OpenAsync(new SqliteStoreOptions(Path.Combine(folder, "skn.db")), ct: cancellationToken);

        // The consumer sleeps until a send committed, as the node's follow stream does (its hub
        // wakes it): a consumer that polled an idle store would take the writer from the producer.
        using var committed = new SemaphoreSlim(0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var producer = Task.Run(
            async () =>
            {
                for (var k = 0; k < messages; k++)
                {
                    var id = Guid.NewGuid().ToString();
                    await store.SendAsync(
                        new NewEnvelope
                        {
                            MessageId = id, Type = BerichtType.Saldoverzoek, SenderOin = Sender, RecipientOin = Recipient,
                            ConversationId = id, InReplyTo = "", DefinitionVersion = "1.0", RequestId = id,
                            SendTime = now, ExpireTime = now.AddDays(7), SealedContent = body,
                        },
                        cancellationToken);
                    committed.Release();
                }
            },
            cancellationToken);

        var acknowledged = 0;
        while (acknowledged < messages && clock.Elapsed < TimeSpan.FromMinutes(10))
        {
            var leased = await store.LeaseAsync(
                new LeaseRequest { RecipientOin = Recipient, MaxCount = 128, Now = now, LeaseUntil = now.AddMinutes(5) }, cancellationToken);
            if (leased.Count == 0)
            {
                await committed.WaitAsync(cancellationToken);
                continue;
            }

            await store.AcknowledgeAsync(Recipient, leased.Select(l => l.Delivery).ToArray(), now, cancellationToken);
            acknowledged += leased.Count;
        }

        await producer;
        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var result = new StoreLoopResult(messages, acknowledged, acknowledged / elapsed.TotalSeconds, used.TotalMilliseconds / messages);
        progress.WriteLine($"store loop, P=C=1: {result.MessagesPerSecond:N0} msg/s, {result.CpuMsPerMessage:0.000} ms CPU per message, {acknowledged:N0} of {messages:N0} acknowledged");
        Directory.Delete(folder, recursive: true);
        return result;
    }
}

/// <summary>What <see cref="StoreLoopBenchmark"/> measured.</summary>
internal sealed record StoreLoopResult(int Sent, int Acknowledged, double MessagesPerSecond, double CpuMsPerMessage);
