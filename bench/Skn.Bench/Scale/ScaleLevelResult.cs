namespace Skn.Bench.Scale;

/// <summary>The node's figures with a given number of envelopes pending.</summary>
public sealed record ScaleLevelResult
{
    public required int Pending { get; init; }

    /// <summary>Envelopes per second while filling the node (BatchSend, 8 producers).</summary>
    public required double FillPerSecond { get; init; }

    /// <summary>Resident memory of the node after the fill, in MB.</summary>
    public required double RssAfterFillMb { get; init; }

    /// <summary>Peak resident memory of the node over the whole level (fill, probes, sweep), in MB.</summary>
    public required double PeakRssMb { get; init; }

    /// <summary>Time from opening a FetchPending to its first delivery, median and worst of the probes, in ms.</summary>
    public required double FirstDeliveryMedianMs { get; init; }

    public required double FirstDeliveryMaxMs { get; init; }

    /// <summary>Send throughput (P=8, one in flight each) on the empty node, msg/s.</summary>
    public required double SendEmptyPerSecond { get; init; }

    /// <summary>Send throughput with the level's envelopes pending, msg/s.</summary>
    public required double SendFullPerSecond { get; init; }

    /// <summary>Seconds from the restarted node listening until nothing of the fill was pending.</summary>
    public required double SweepSeconds { get; init; }

    /// <summary>The longest single send during the sweep, in ms (how long a sweep can stall a sender).</summary>
    public required double SweepMaxSendMs { get; init; }

    public required double SweepP99SendMs { get; init; }

    public double SendDrop => 1 - (SendFullPerSecond / SendEmptyPerSecond);
}
