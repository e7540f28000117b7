using System.Diagnostics;
using Skn.Bench.Harness;
using Skn.Bench.Workload;

namespace Skn.Bench.Scale;

/// <summary>P producers, one send in flight each, send a fixed number of messages; nobody consumes.</summary>
internal static class SendBurst
{
    public static async Task<double> MessagesPerSecondAsync(IMailboxSystem system, int producers, int messages, int mailboxes, CancellationToken cancellationToken)
    {
        var senders = new List<IMailboxProducer>();
        for (var p = 0; p < producers; p++)
        {
            senders.Add(await system.CreateProducerAsync(p, cancellationToken));
        }

        try
        {
            var template = new byte[2048];
            Random.Shared.NextBytes(template);
            long next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(senders.Select(producer => Task.Run(async () =>
            {
                var body = (byte[])template.Clone();
                while (Interlocked.Increment(ref next) is var index && index < messages)
                {
                    MessageStamp.Write(body, index);
                    await producer.SendAsync((int)(index % mailboxes), body, cancellationToken);
                }
            }, cancellationToken)));
            return messages / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var sender in senders)
            {
                await sender.DisposeAsync();
            }
        }
    }
}
