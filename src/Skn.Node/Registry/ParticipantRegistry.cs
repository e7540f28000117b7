using Microsoft.Extensions.Options;
using Skn.Node.Hosting;
using Skn.Node.Logging;

namespace Skn.Node.Registry;

/// <summary>
/// The participants of the exchange, loaded from the registry file and reloaded within seconds
/// when the operator changes it, without a restart. Readers always see one consistent snapshot; a broken edit is
/// logged and ignored, keeping the last good registry.
/// </summary>
public sealed class ParticipantRegistry : IDisposable
{
    private readonly string _path;
    private readonly ILogger<ParticipantRegistry> _logger;
    /// <summary>
    /// How often the file's time and size are looked at. The registry is polled rather than watched:
    /// an inotify watch covers the whole folder, and the database's WAL beside it changes thousands
    /// of times a second under load, each change waking the node for nothing.
    /// </summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _reloadLock = new();
    private readonly Lock _pollLock = new();
    private readonly Timer? _poll;
    private volatile RegistryContents _contents;
    private FileStamp _loaded;
    private FileStamp _seen;

    /// <summary>Loads the registry; throws <see cref="RegistryException"/> when the file is unusable at start.</summary>
    public ParticipantRegistry(IOptions<NodeOptions> options, ILogger<ParticipantRegistry> logger)
    {
        _path = Path.GetFullPath(options.Value.ResolvedRegistryPath);
        _logger = logger;
        _contents = RegistryLoader.Load(_path);
        _loaded = FileStamp.Of(_path);
        if (options.Value.WatchRegistry)
        {
            _poll = new Timer(_ => Poll(), null, PollInterval, PollInterval);
        }
    }

    /// <summary>Raised after a reload changed the registry, with the new snapshot.</summary>
    public event Action<IReadOnlyDictionary<string, RegisteredParticipant>>? Changed;

    /// <summary>The current participants by OIN.</summary>
    public IReadOnlyDictionary<string, RegisteredParticipant> Participants => _contents.Participants;

    /// <summary>The node's operators by OIN: they may call OperatorService and nothing else.</summary>
    public IReadOnlyDictionary<string, RegisteredOperator> Operators => _contents.Operators;

    /// <summary>The registry file's full path.</summary>
    public string FilePath => _path;

    /// <summary>Finds a participant by OIN.</summary>
    public RegisteredParticipant? Find(string oin) => _contents.Participants.GetValueOrDefault(oin);

    /// <summary>Finds an operator by OIN.</summary>
    public RegisteredOperator? FindOperator(string oin) => _contents.Operators.GetValueOrDefault(oin);

    /// <summary>Reloads the file now. Returns false (and keeps the old registry) when the file is unusable.</summary>
    public bool Reload()
    {
        lock (_reloadLock)
        {
            try
            {
                _loaded = FileStamp.Of(_path);
                var loaded = RegistryLoader.Load(_path);
                _contents = loaded;
                NodeLog.RegistryReloaded(_logger, loaded.Participants.Count);
                Changed?.Invoke(loaded.Participants);
                return true;
            }
            catch (Exception ex) when (ex is RegistryException or IOException)
            {
                NodeLog.RegistryReloadFailed(_logger, ex.Message);
                return false;
            }
        }
    }

    /// <summary>
    /// Reloads once a change has settled: the file must look the same on two polls in a row, so an
    /// editor that writes in several steps is never read half-way.
    /// </summary>
    private void Poll()
    {
        if (!_pollLock.TryEnter())
        {
            return;
        }

        try
        {
            var now = FileStamp.Of(_path);
            if (now != _loaded && now == _seen)
            {
                Reload();
            }

            _seen = now;
        }
        finally
        {
            _pollLock.Exit();
        }
    }

    /// <summary>What the poll compares: a rewrite or an atomic replace changes the time or the size.</summary>
    private readonly record struct FileStamp(DateTime LastWriteUtc, long Length)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.LastWriteTimeUtc, info.Length) : default;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _poll?.Dispose();
    }
}
