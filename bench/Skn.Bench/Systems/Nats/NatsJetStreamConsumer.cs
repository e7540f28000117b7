using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Skn.Bench.Harness;

namespace Skn.Bench.Systems.Nats;

/// <summary>
/// Drains the consumer's mailboxes: one pull consume loop per mailbox's durable consumer, all on the
/// consumer's connection; each message is reported on receipt and handed to <see cref="NatsAcknowledgements"/>.
/// </summary>
internal sealed class NatsJetStreamConsumer(NatsConnection connection, IReadOnlyList<int> mailboxes) : IMailboxConsumer
{
    /// <summary>Messages per pull request.</summary>
    public const int MaxMessages = 128;

    /// <summary>The consumers' ack policy: a work-queue stream accepts only Explicit; see <see cref="NatsAcknowledgements"/>.</summary>
    public const ConsumerConfigAckPolicy AckPolicy = ConsumerConfigAckPolicy.Explicit;

    public const string AckDescription = "AckPolicy Explicit (2.9.10 refuses All on a work-queue stream): a double ack per message (waits for the server's reply), the batch sent back to back while the previous one is in flight";

    private static readonly NatsJSConsumeOpts ConsumeOptions = new() { MaxMsgs = MaxMessages };

    public async Task RunAsync(IDeliverySink sink, CancellationToken cancellationToken)
    {
        var js = new NatsJSContext(connection);
        var acks = new NatsAcknowledgements(sink);
        try
        {
            var loops = new List<Task>();
            foreach (var mailbox in mailboxes)
            {
                var consumer = await js.GetConsumerAsync(NatsJetStreamSystem.StreamName, NatsJetStreamSystem.ConsumerName(mailbox), cancellationToken);
                loops.Add(DrainAsync(consumer, sink, acks, cancellationToken));
            }

            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
        finally
        {
            await acks.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    private static async Task DrainAsync(INatsJSConsumer consumer, IDeliverySink sink, NatsAcknowledgements acks, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: ConsumeOptions, cancellationToken: cancellationToken))
            {
                sink.Delivered(message.Data);
                acks.Add(message);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
