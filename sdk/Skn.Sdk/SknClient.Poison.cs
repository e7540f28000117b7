using Skn.Sdk.Transport;
using Skn.V1;

namespace Skn.Sdk;

public sealed partial class SknClient
{
    /// <summary>
    /// Our poison list: received berichten the node set aside because their deliveries kept ending
    /// without an acknowledgement (a handler that always throws, a consumer that crashes on them).
    /// They are not delivered again until released with <see cref="ReleasePoisonedAsync"/>, and
    /// expire at the end of their term like any other. Newest first; metadata only.
    /// </summary>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public IAsyncEnumerable<TrailEntry> ListPoisonedAsync(CancellationToken cancellationToken = default)
    {
        var options = new TrailOptions { Direction = TrailDirection.Received };
        options.States.Add(EnvelopeState.Poisoned);
        return ListTrailAsync(options, cancellationToken);
    }

    /// <summary>
    /// Puts berichten from our poison list back in our mailbox, deliverable at once with a fresh
    /// allowance of failed deliveries (fix the handler first, or they come straight back).
    /// </summary>
    /// <param name="messageIds">Message ids from <see cref="ListPoisonedAsync"/>, 1 to 1000.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Each message id with its outcome, in the order given. A retried call reports <see cref="ReleasePoisonedOutcome.NotPoisoned"/> for what the first attempt released.</returns>
    public async Task<IReadOnlyList<(string MessageId, ReleasePoisonedOutcome Outcome)>> ReleasePoisonedAsync(
        IEnumerable<string> messageIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        var request = new ReleasePoisonedRequest();
        request.MessageIds.AddRange(messageIds);
        if (request.MessageIds.Count == 0)
        {
            return [];
        }

        var response = await _invoker.CallAsync(
            "ReleasePoisoned", CallKind.Idempotent, call => _connection.Exchange.ReleasePoisonedAsync(request, call), cancellationToken);
        return response.Results.Select(r => (r.MessageId, r.Outcome)).ToList();
    }
}
