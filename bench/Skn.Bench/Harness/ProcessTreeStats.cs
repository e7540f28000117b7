using System.Globalization;

namespace Skn.Bench.Harness;

/// <summary>
/// Samples the resident memory of a process and all its descendants from /proc every 50 ms and keeps
/// the peak, and reads their CPU time and disk writes. A broker like RabbitMQ runs as a tree (a start script, the Erlang VM, epmd), so the
/// root's own figure would undercount it.
/// </summary>
internal sealed class ProcessTreeStats : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly int _root;
    private readonly Timer _timer;
    private long _peak;

    public ProcessTreeStats(int root)
    {
        _root = root;
        _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, Interval);
    }

    public long PeakBytes => Math.Max(Interlocked.Read(ref _peak), Sample());

    public void Reset() => Interlocked.Exchange(ref _peak, 0);

    /// <summary>Sums VmRSS over the tree now and updates the peak.</summary>
    public long Sample()
    {
        long total = 0;
        foreach (var pid in Descendants().Prepend(_root))
        {
            total += ReadRssBytes(pid);
        }

        long peak;
        while (total > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, total, peak) != peak)
        {
        }

        return total;
    }

    /// <summary>CPU time (user + system) the tree has used so far, in seconds; from /proc, at 100 ticks a second.</summary>
    public double CpuSeconds()
    {
        long ticks = 0;
        foreach (var pid in Descendants().Prepend(_root))
        {
            // After "(comm) ": utime is field 11, stime field 12.
            if (ReadStatFields(pid) is { } fields
                && long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
                && long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system))
            {
                ticks += user + system;
            }
        }

        return ticks / 100.0;
    }

    /// <summary>
    /// Bytes the tree has caused to be written to storage so far (write_bytes of /proc/&lt;pid&gt;/io:
    /// file writes as they dirty the page cache, not socket traffic). Journals, WALs and
    /// checkpoints all count, which is what makes systems with different storage designs comparable.
    /// </summary>
    public long WrittenBytes()
    {
        long total = 0;
        foreach (var pid in Descendants().Prepend(_root))
        {
            total += ReadIoField(pid, "write_bytes:");
        }

        return total;
    }

    /// <summary>Open file descriptors (files, sockets, pipes, eventfds, ...) of the tree now: the entries of /proc/&lt;pid&gt;/fd.</summary>
    public int HandleCount()
    {
        var total = 0;
        foreach (var pid in Descendants().Prepend(_root))
        {
            try
            {
                total += Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        return total;
    }

    /// <summary>Threads of the tree now (num_threads, field 17 after "(comm) ").</summary>
    public int ThreadCount()
    {
        var total = 0;
        foreach (var pid in Descendants().Prepend(_root))
        {
            if (ReadStatFields(pid) is { Length: > 17 } fields && int.TryParse(fields[17], NumberStyles.None, CultureInfo.InvariantCulture, out var threads))
            {
                total += threads;
            }
        }

        return total;
    }

    /// <summary>Every live process below the root (children, grandchildren, ...).</summary>
    public IReadOnlyList<int> Descendants()
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var parent = ReadParent(pid);
            if (parent > 0)
            {
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
        }

        var result = new List<int>();
        var queue = new Queue<int>([_root]);
        while (queue.Count > 0)
        {
            if (children.TryGetValue(queue.Dequeue(), out var list))
            {
                foreach (var child in list)
                {
                    result.Add(child);
                    queue.Enqueue(child);
                }
            }
        }

        return result;
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>The parent's id (field 1 after "(comm) "), or -1 when the process is gone.</summary>
    private static int ReadParent(int pid) =>
        ReadStatFields(pid) is { } fields && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent) ? parent : -1;

    /// <summary>
    /// /proc/&lt;pid&gt;/stat split after "pid (comm) ", so field 0 is the state; comm may hold
    /// spaces and parentheses, hence the split after the last ')'. Null when the process is gone.
    /// </summary>
    private static string[]? ReadStatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 12 ? fields : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long ReadIoField(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/io"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return 0;
    }

    private static long ReadRssBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    return kilobytes * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return 0;
    }
}
