using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Skn.Reliability.Tests.CrashSafety;

/// <summary>
/// What the clients were told, and nothing else: which sends the node answered OK, which
/// acknowledgements it answered "acknowledged", and which sends are in doubt because the node died
/// before it answered. The checks after every kill compare the database file and later deliveries
/// against this ledger; every breach is written down as a violation with the evidence.
/// </summary>
public sealed class CrashLedger
{
    private readonly ConcurrentDictionary<string, LogicalSend> _byRequestId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LogicalSend> _byMessageId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _confirmed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _acknowledged = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _violations = new();
    private long _sendAttempts;
    private long _retriedSends;
    private long _redeliveries;
    private long _retriesAnsweredWithEarlierEnvelope;

    /// <summary>Logical sends (one request id each) the node answered OK, by the message id it returned.</summary>
    public IReadOnlyDictionary<string, string> ConfirmedMessageIds => _confirmed;

    /// <summary>Message ids whose acknowledgement the node answered with ACKNOWLEDGED or ALREADY_ACKNOWLEDGED.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Acknowledged => _acknowledged;

    public IEnumerable<LogicalSend> Sends => _byRequestId.Values;

    public IReadOnlyCollection<string> Violations => _violations;

    public long SendAttempts => Interlocked.Read(ref _sendAttempts);

    public long RetriedSends => Interlocked.Read(ref _retriedSends);

    public long Redeliveries => Interlocked.Read(ref _redeliveries);

    public int DeliveredCount => _deliveries.Count;

    /// <summary>Retries with a new message id that got an earlier attempt's envelope back: the request id did its work.</summary>
    public long RetriesAnsweredWithEarlierEnvelope => Interlocked.Read(ref _retriesAnsweredWithEarlierEnvelope);

    public void Violation(string description) => _violations.Enqueue(description);

    public LogicalSend NewSend(string senderOin, string recipientOin, byte[] content)
    {
        var send = new LogicalSend(senderOin, recipientOin, "rq-" + Guid.NewGuid().ToString("N"), content);
        _byRequestId[send.RequestId] = send;
        return send;
    }

    /// <summary>A message id about to be sent for <paramref name="send"/> (its first, or a retry's new one).</summary>
    public void Attempt(LogicalSend send, string messageId, bool retry)
    {
        Interlocked.Increment(ref _sendAttempts);
        if (retry)
        {
            Interlocked.Increment(ref _retriedSends);
        }

        lock (send)
        {
            send.AttemptMessageIds.Add(messageId);
        }

        _byMessageId[messageId] = send;
    }

    /// <summary>The node answered a send (or a retry) OK with <paramref name="returnedMessageId"/>.</summary>
    public void SendOk(LogicalSend send, string returnedMessageId)
    {
        lock (send)
        {
            if (!send.AttemptMessageIds.Contains(returnedMessageId))
            {
                Violation($"Send {send.RequestId} returned message id {returnedMessageId}, which none of its attempts ({string.Join(", ", send.AttemptMessageIds)}) used.");
            }
            else if (send.ConfirmedMessageId is { } earlier && earlier != returnedMessageId)
            {
                Violation($"Send {send.RequestId} was confirmed as {earlier} and later, on a retry with the same request id, as {returnedMessageId}: a second envelope.");
            }

            if (send.AttemptMessageIds[^1] != returnedMessageId)
            {
                Interlocked.Increment(ref _retriesAnsweredWithEarlierEnvelope);
            }

            send.ConfirmedMessageId ??= returnedMessageId;
            send.InDoubt = false;
        }

        _confirmed[send.RequestId] = returnedMessageId;
    }

    public void SendInDoubt(LogicalSend send)
    {
        lock (send)
        {
            if (send.ConfirmedMessageId is null)
            {
                send.InDoubt = true;
            }
        }
    }

    public LogicalSend? FindByMessageId(string messageId) => _byMessageId.GetValueOrDefault(messageId);

    /// <summary>A delivery reached a fetcher; a delivery of an acknowledged envelope is a violation.</summary>
    public void Delivered(string recipientOin, string messageId, byte[] content, int attempt)
    {
        var count = _deliveries.AddOrUpdate(messageId, 1, (_, n) => n + 1);
        if (count > 1)
        {
            Interlocked.Increment(ref _redeliveries);
        }

        if (_acknowledged.TryGetValue(messageId, out var when))
        {
            Violation($"Envelope {messageId} was delivered again (attempt {attempt}) after the node answered its acknowledgement OK at {when:O}.");
        }

        var send = FindByMessageId(messageId);
        if (send is null)
        {
            Violation($"Delivery of {messageId} to {recipientOin}: no client ever sent that message id.");
        }
        else if (send.RecipientOin != recipientOin)
        {
            Violation($"Envelope {messageId} for {send.RecipientOin} was delivered to {recipientOin}.");
        }
        else if (!send.ContentHash.AsSpan().SequenceEqual(SHA256.HashData(content)))
        {
            Violation($"Envelope {messageId} was delivered with content that differs from what was sent ({content.Length} bytes).");
        }
    }

    public void AcknowledgedOk(string messageId) => _acknowledged.TryAdd(messageId, DateTimeOffset.UtcNow);

    public bool WasDelivered(string messageId) => _deliveries.ContainsKey(messageId);
}

/// <summary>One thing a sender wants delivered, under one request id, however often it is retried.</summary>
public sealed class LogicalSend(string senderOin, string recipientOin, string requestId, byte[] content)
{
    public string SenderOin { get; } = senderOin;

    public string RecipientOin { get; } = recipientOin;

    public string RequestId { get; } = requestId;

    public byte[] Content { get; } = content;

    public byte[] ContentHash { get; } = SHA256.HashData(content);

    public string ConversationId { get; } = Guid.NewGuid().ToString();

    /// <summary>The message ids its attempts used (a retry may reuse the first or bring a new one).</summary>
    public List<string> AttemptMessageIds { get; } = [];

    public string? ConfirmedMessageId { get; set; }

    /// <summary>The last attempt got no answer (the node died); it must be retried with the same request id.</summary>
    public bool InDoubt { get; set; }
}
