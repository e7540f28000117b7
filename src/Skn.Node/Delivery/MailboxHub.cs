using System.Collections.Concurrent;
using Skn.Domain.Storage;

namespace Skn.Node.Delivery;

/// <summary>
/// The in-memory switchboard between commits and open FetchPending streams. A committed send wakes
/// the recipient's streams; an acknowledgement returns credit to the stream that holds the delivery.
/// Nothing here polls: streams sleep until one of these events (or a lease or heartbeat deadline).
/// </summary>
internal sealed class MailboxHub
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<FetchSession, byte>> _streams = new(StringComparer.Ordinal);
    /// <summary>Which stream holds each envelope's live delivery, by message id: an envelope has at most one.</summary>
    private readonly ConcurrentDictionary<string, FetchSession> _leases = new(StringComparer.Ordinal);

    public void Register(FetchSession session) =>
        _streams.GetOrAdd(session.ParticipantOin, _ => new ConcurrentDictionary<FetchSession, byte>())[session] = 0;

    public void Unregister(FetchSession session)
    {
        if (_streams.TryGetValue(session.ParticipantOin, out var sessions))
        {
            sessions.TryRemove(session, out _);
        }
    }

    /// <summary>Wakes every open stream of the participant: something may be deliverable.</summary>
    public void Notify(string participantOin)
    {
        if (_streams.TryGetValue(participantOin, out var sessions))
        {
            foreach (var session in sessions.Keys)
            {
                session.Wake();
            }
        }
    }

    public void TrackLease(DeliveryRef delivery, FetchSession session) => _leases[delivery.MessageId] = session;

    /// <summary>The session no longer holds the delivery; another stream may have taken the envelope since, and keeps it.</summary>
    public void ForgetLease(string messageId, FetchSession session) =>
        _leases.TryRemove(KeyValuePair.Create(messageId, session));

    /// <summary>
    /// An envelope reached a final outcome (acknowledged or expired): give the stream that holds its
    /// delivery the credit back.
    /// </summary>
    public void Settle(string messageId)
    {
        if (_leases.TryRemove(messageId, out var session))
        {
            session.Settled(messageId);
        }
    }

    /// <summary>Ends the streams of a participant, for example when it is suspended.</summary>
    public void Disconnect(string participantOin)
    {
        if (_streams.TryGetValue(participantOin, out var sessions))
        {
            foreach (var session in sessions.Keys)
            {
                session.Abort();
            }
        }
    }
}
