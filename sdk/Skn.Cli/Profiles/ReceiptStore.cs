using System.Text.Json;
using Skn.Cli.Errors;

namespace Skn.Cli.Profiles;

/// <summary>
/// The receipts of fetched messages (message id → receipt) in state/&lt;profile&gt;/receipts.json.
/// Fetching does not acknowledge: a person checks the work first and acknowledges later with
/// 'skn ack', possibly in another run, so the receipts must outlive the process.
/// </summary>
internal sealed class ReceiptStore
{
    private readonly string _path;

    /// <summary>Creates the store in <paramref name="stateDirectory"/>.</summary>
    public ReceiptStore(string stateDirectory)
    {
        _path = Path.Combine(stateDirectory, "receipts.json");
    }

    /// <summary>The saved receipts by message id; empty when none were saved.</summary>
    /// <exception cref="UsageException">The file exists but cannot be read as receipts.</exception>
    public SortedDictionary<string, string> Load()
    {
        if (!File.Exists(_path))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            var saved = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(_path)) ?? [];
            return new(saved, StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{_path} is not a valid receipts file ({ex.Message}); delete it and fetch again", ex);
        }
    }

    /// <summary>Adds or replaces receipts; a message delivered again replaces its older receipt, which the node would refuse.</summary>
    public void Save(IEnumerable<KeyValuePair<string, string>> receipts)
    {
        var all = Load();
        foreach (var (messageId, receipt) in receipts)
        {
            all[messageId] = receipt;
        }

        Write(all);
    }

    /// <summary>Forgets the receipts of <paramref name="messageIds"/>.</summary>
    public void Remove(IEnumerable<string> messageIds)
    {
        var all = Load();
        foreach (var id in messageIds)
        {
            all.Remove(id);
        }

        Write(all);
    }

    private void Write(SortedDictionary<string, string> receipts)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(receipts, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temporary, _path, overwrite: true);
    }
}
