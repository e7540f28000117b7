using Skn.Sdk;
using Skn.V1;

namespace Skn.Cli.ListWork;

/// <summary>
/// The open requests of one list, read from the node as a snapshot (nothing held, so the list can be
/// larger than any stream's credit), with each delivery's receipt to acknowledge it once answered,
/// and the requests this participant already answered (from its trail).
/// </summary>
internal sealed class PendingSnapshot
{
    private readonly Dictionary<string, (PendingRequest Request, string Receipt)> _pending = new(StringComparer.Ordinal);
    private IReadOnlySet<string> _answered = new HashSet<string>();

    public IEnumerable<PendingRequest> Requests => _pending.Values.Select(p => p.Request).OrderBy(r => r.SendTime);

    public int RefusedCount { get; private set; }

    public static async Task<PendingSnapshot> ReadAsync(SknClient client, ListKind kind, bool withAnswered, TextWriter warnings, CancellationToken cancellationToken)
    {
        var snapshot = new PendingSnapshot();
        var options = new FetchOptions
        {
            Snapshot = true,
            OnRefused = (refused, _) =>
            {
                snapshot.RefusedCount++;
                warnings.WriteLine($"warning: message {refused.Envelope.MessageId} from {refused.Envelope.SenderOin} refused and left on the node: {refused.Error.Message}");
                return Task.CompletedTask;
            },
        };
        foreach (var type in kind.RequestTypes)
        {
            options.BerichtTypes.Add(type);
        }

        await foreach (var message in client.FetchAsync(options, cancellationToken))
        {
            var request = new PendingRequest(message.MessageId, message.SenderOin, message.Sender.Name, message.ConversationId, message.SendTime, message.ReplyDueDate, message.Bericht);
            snapshot._pending[message.MessageId] = (request, message.Receipt!);
        }

        if (withAnswered)
        {
            snapshot._answered = await client.ListAnsweredRequestIdsAsync(cancellationToken: cancellationToken);
        }

        return snapshot;
    }

    /// <summary>
    /// A request still pending is answered (again: a repeat send is idempotent, and the request may
    /// have stayed pending because a run stopped between sending and acknowledging); one that is gone
    /// and was answered by us is skipped; anything else is unknown.
    /// </summary>
    public (RequestStatus Status, PendingRequest? Request) Lookup(string messageId) =>
        _pending.TryGetValue(messageId, out var pending) ? (RequestStatus.Pending, (PendingRequest?)pending.Request)
        : _answered.Contains(messageId) ? (RequestStatus.Answered, (PendingRequest?)null)
        : (RequestStatus.Unknown, (PendingRequest?)null);

    public string ReceiptOf(string messageId) => _pending[messageId].Receipt;
}
