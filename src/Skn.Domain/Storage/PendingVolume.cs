namespace Skn.Domain.Storage;

/// <summary>How much waits: envelopes not yet acknowledged or expired (pending, delivered or set aside), and their sealed bytes.</summary>
/// <param name="Count">Number of envelopes.</param>
/// <param name="Bytes">Sum of their sealed content sizes, in bytes.</param>
public readonly record struct PendingVolume(long Count, long Bytes)
{
    /// <summary>Nothing waiting.</summary>
    public static PendingVolume None => default;
}
