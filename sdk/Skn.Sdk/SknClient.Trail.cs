using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Skn.Sdk.Transport;
using Skn.V1;

namespace Skn.Sdk;

public sealed partial class SknClient
{
    /// <summary>How far back <see cref="ListOpenRequestsAsync"/> looks by default.</summary>
    public static readonly TimeSpan DefaultOpenRequestLookBack = TimeSpan.FromDays(90);

    /// <summary>Reads our own trail (metadata and outcome of what we sent and received), newest first, page by page.</summary>
    public async IAsyncEnumerable<TrailEntry> ListTrailAsync(TrailOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new TrailOptions();
        var request = new ListTrailRequest
        {
            PageSize = 500,
            Direction = options.Direction,
            CounterpartOin = options.CounterpartOin ?? "",
            ConversationId = options.ConversationId ?? "",
        };
        request.BerichtTypes.AddRange(options.BerichtTypes);
        request.States.AddRange(options.States);
        if (options.Since is { } since)
        {
            request.StartTime = Timestamp.FromDateTimeOffset(since);
        }

        if (options.Until is { } until)
        {
            request.EndTime = Timestamp.FromDateTimeOffset(until);
        }

        do
        {
            var response = await _invoker.CallAsync("ListTrail", CallKind.Idempotent, call => _connection.Exchange.ListTrailAsync(request, call), cancellationToken);
            foreach (var entry in response.Entries)
            {
                yield return entry;
            }

            request.PageToken = response.NextPageToken;
        }
        while (request.PageToken.Length > 0);
    }

    /// <summary>
    /// The requests we received (Saldoverzoek, Betaalvoorstel, Heroverweging) that we have not yet
    /// answered, soonest due first, so a participant can keep its promise to answer within 10
    /// working days. A request counts as answered once we sent any bericht naming it in in_reply_to.
    /// </summary>
    /// <param name="lookBack">How far back to look (default <see cref="DefaultOpenRequestLookBack"/>; the node's trail retention also limits it).</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public async Task<IReadOnlyList<OpenRequest>> ListOpenRequestsAsync(TimeSpan? lookBack = null, CancellationToken cancellationToken = default)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var since = now - (lookBack ?? DefaultOpenRequestLookBack);

        var received = new TrailOptions { Direction = TrailDirection.Received, Since = since };
        foreach (var rule in Rules.All.Where(r => r.ExpectsReply))
        {
            received.BerichtTypes.Add(rule.Type);
        }

        var answered = await ListAnsweredRequestIdsAsync(lookBack, cancellationToken);

        var today = _calendar.LocalDate(now);
        var open = new List<OpenRequest>();
        await foreach (var entry in ListTrailAsync(received, cancellationToken))
        {
            var envelope = entry.Envelope;
            if (answered.Contains(envelope.MessageId) || envelope.ReplyDueDate.ToDateOnly() is not { } due)
            {
                continue;
            }

            open.Add(new OpenRequest(
                envelope.MessageId,
                envelope.Type,
                envelope.SenderOin,
                envelope.ConversationId,
                envelope.SendTime.ToDateTimeOffset(),
                due,
                _calendar.WorkingDaysBetween(today, due),
                envelope.State));
        }

        return open.OrderBy(r => r.ReplyDueDate).ThenBy(r => r.SendTime).ToList();
    }

    /// <summary>
    /// The message ids of received berichten we answered: every in_reply_to of what we sent within
    /// <paramref name="lookBack"/> (default <see cref="DefaultOpenRequestLookBack"/>).
    /// </summary>
    public async Task<IReadOnlySet<string>> ListAnsweredRequestIdsAsync(TimeSpan? lookBack = null, CancellationToken cancellationToken = default)
    {
        var since = _options.TimeProvider.GetUtcNow() - (lookBack ?? DefaultOpenRequestLookBack);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entry in ListTrailAsync(new TrailOptions { Direction = TrailDirection.Sent, Since = since }, cancellationToken))
        {
            if (entry.Envelope.InReplyTo.Length > 0)
            {
                answered.Add(entry.Envelope.InReplyTo);
            }
        }

        return answered;
    }

    /// <summary>
    /// Extends the handling term of a bericht we received by 7, 14 or 28 days (once, and only for
    /// participants with the attribute Verlengen afhandeltermijn).
    /// </summary>
    /// <returns>The envelope with its new expiry.</returns>
    public async Task<Envelope> ExtendHandlingTermAsync(string messageId, int days, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var response = await _invoker.CallAsync(
            "ExtendHandlingTerm",
            CallKind.NotIdempotent,
            call => _connection.Exchange.ExtendHandlingTermAsync(new ExtendHandlingTermRequest { MessageId = messageId, Days = days }, call),
            cancellationToken);
        return response.Envelope;
    }
}
