using Microsoft.Extensions.Options;
using Skn.Node.Hosting;
using Skn.Node.Logging;

namespace Skn.Node.Registry;

/// <summary>
/// The participants of the exchange, loaded from the registry file and reloaded when the operator
/// changes it, without a restart. Readers always see one consistent snapshot; a broken edit is
/// logged and ignored, keeping the last good registry.
/// </summary>
public sealed class ParticipantRegistry : IDisposable
{
    private readonly string _path;
    private readonly ILogger<ParticipantRegistry> _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Lock _reloadLock = new();
    private volatile IReadOnlyDictionary<string, RegisteredParticipant> _participants;
    private Timer? _debounce;

    /// <summary>Loads the registry; throws <see cref="RegistryException"/> when the file is unusable at start.</summary>
    public ParticipantRegistry(IOptions<NodeOptions> options, ILogger<ParticipantRegistry> logger)
    {
        _path = Path.GetFullPath(options.Value.ResolvedRegistryPath);
        _logger = logger;
        _participants = RegistryLoader.Load(_path);
        if (options.Value.WatchRegistry)
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += (_, _) => ScheduleReload();
            _watcher.Created += (_, _) => ScheduleReload();
            _watcher.Renamed += (_, _) => ScheduleReload();
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>Raised after a reload changed the registry, with the new snapshot.</summary>
    public event Action<IReadOnlyDictionary<string, RegisteredParticipant>>? Changed;

    /// <summary>The current participants by OIN.</summary>
    public IReadOnlyDictionary<string, RegisteredParticipant> Participants => _participants;

    /// <summary>Finds a participant by OIN.</summary>
    public RegisteredParticipant? Find(string oin) => _participants.GetValueOrDefault(oin);

    /// <summary>Reloads the file now. Returns false (and keeps the old registry) when the file is unusable.</summary>
    public bool Reload()
    {
        lock (_reloadLock)
        {
            try
            {
                var loaded = RegistryLoader.Load(_path);
                _participants = loaded;
                NodeLog.RegistryReloaded(_logger, loaded.Count);
                Changed?.Invoke(loaded);
                return true;
            }
            catch (Exception ex) when (ex is RegistryException or IOException)
            {
                NodeLog.RegistryReloadFailed(_logger, ex.Message);
                return false;
            }
        }
    }

    private void ScheduleReload()
    {
        // Editors write a file in several steps; wait for them to settle instead of reading half a file.
        _debounce?.Dispose();
        _debounce = new Timer(_ => Reload(), null, TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }
}
