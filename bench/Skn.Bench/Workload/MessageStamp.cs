using System.Buffers.Binary;
using System.Diagnostics;

namespace Skn.Bench.Workload;

/// <summary>
/// The first 16 bytes of every body: the message number and the Stopwatch time its send started.
/// Producers and consumers run in this one process, so the consumer can tell send-to-delivery
/// latency and spot a lost or repeated message without any system's help. The rest stays random
/// (a stand-in for sealed content, which does not compress).
/// </summary>
public static class MessageStamp
{
    /// <summary>Bytes the stamp takes at the start of a body.</summary>
    public const int Length = 16;

    /// <summary>Writes the stamp for message <paramref name="number"/>, timed now; returns the timestamp.</summary>
    public static long Write(Span<byte> body, long number)
    {
        var now = Stopwatch.GetTimestamp();
        BinaryPrimitives.WriteInt64LittleEndian(body, number);
        BinaryPrimitives.WriteInt64LittleEndian(body[8..], now);
        return now;
    }

    /// <summary>Reads a stamp; false when the body is too short to hold one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, out long number, out long sentTimestamp)
    {
        if (body.Length < Length)
        {
            number = sentTimestamp = 0;
            return false;
        }

        number = BinaryPrimitives.ReadInt64LittleEndian(body);
        sentTimestamp = BinaryPrimitives.ReadInt64LittleEndian(body[8..]);
        return true;
    }
}
