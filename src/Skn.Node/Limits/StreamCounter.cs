using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Skn.Node.Hosting;

namespace Skn.Node.Limits;

/// <summary>Counts each participant's open FetchPending streams against <see cref="ParticipantLimitOptions.MaxStreams"/>.</summary>
internal sealed class StreamCounter(IOptions<NodeOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Counts a new stream in; null when the participant already has the most allowed open.</summary>
    public IDisposable? TryOpen(string participantOin)
    {
        var max = options.Value.Limits.MaxStreams;
        while (true)
        {
            var current = _open.GetOrAdd(participantOin, 0);
            if (current >= max)
            {
                return null;
            }

            if (_open.TryUpdate(participantOin, current + 1, current))
            {
                return new Slot(this, participantOin);
            }
        }
    }

    private void Close(string participantOin) => _open.AddOrUpdate(participantOin, 0, (_, count) => Math.Max(0, count - 1));

    private sealed class Slot(StreamCounter counter, string participantOin) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                counter.Close(participantOin);
            }
        }
    }
}
