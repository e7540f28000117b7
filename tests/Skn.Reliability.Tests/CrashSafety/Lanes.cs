using System.Threading.Channels;

namespace Skn.Reliability.Tests.CrashSafety;

/// <summary>A sender and its recipient, with the sends it still has to get an answer for; lives across restarts.</summary>
public sealed class SenderLane(string senderOin, string recipientOin, bool batch)
{
    public string SenderOin { get; } = senderOin;

    public string RecipientOin { get; } = recipientOin;

    /// <summary>Sends with BatchSend (5 at a time) instead of Send.</summary>
    public bool Batch { get; } = batch;

    /// <summary>Sends whose last attempt got no answer; retried with the same request id after the restart.</summary>
    public List<LogicalSend> InDoubt { get; } = [];

    public List<LogicalSend> Confirmed { get; } = [];
}

/// <summary>A recipient's fetcher, with the delivery tokens it has not had acknowledged yet; lives across restarts.</summary>
public sealed class FetcherLane(string recipientOin)
{
    public string RecipientOin { get; } = recipientOin;

    /// <summary>Tokens to acknowledge, carried over a kill: after the restart they may be acknowledged or superseded.</summary>
    public Channel<(string Token, string MessageId)> Tokens { get; } = Channel.CreateUnbounded<(string, string)>();
}
