namespace Skn.Sdk.Transport;

/// <summary>Whether a call may be repeated after its outcome became unknown.</summary>
internal enum CallKind
{
    /// <summary>Repeating it changes nothing (reads, Send with its request id, Acknowledge): retried on Unavailable and on an attempt's deadline.</summary>
    Idempotent,

    /// <summary>Repeating it may act twice: retried only on Unavailable, when the node did not take it.</summary>
    NotIdempotent,
}
