using System.Text.Json;
using Skn.Cli.Errors;

namespace Skn.Cli.Profiles;

/// <summary>Reads and writes profiles.json in the configuration folder, and picks the profile a command runs as.</summary>
internal sealed class ProfileStore
{
    private readonly string _configDirectory;

    /// <summary>Creates the store for <paramref name="configDirectory"/>; nothing is read until asked.</summary>
    public ProfileStore(string configDirectory)
    {
        _configDirectory = configDirectory;
    }

    /// <summary>The full path of profiles.json.</summary>
    public string FilePath => Path.Combine(_configDirectory, "profiles.json");

    /// <summary>The file's content; empty when it does not exist yet.</summary>
    /// <exception cref="UsageException">The file exists but is not valid JSON of the expected shape.</exception>
    public ProfileFile Load()
    {
        if (!File.Exists(FilePath))
        {
            return new ProfileFile();
        }

        try
        {
            using var stream = File.OpenRead(FilePath);
            var file = JsonSerializer.Deserialize<ProfileFile>(stream, ProfileFile.JsonOptions) ?? new ProfileFile();
            file.Profiles = new SortedDictionary<string, Profile>(file.Profiles, StringComparer.Ordinal);
            return file;
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{FilePath} is not a valid profiles file: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the file atomically, so an interrupted write never leaves half a file.</summary>
    public void Save(ProfileFile file)
    {
        Directory.CreateDirectory(_configDirectory);
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(file, ProfileFile.JsonOptions) + "\n");
        File.Move(temporary, FilePath, overwrite: true);
    }

    /// <summary>The profile named <paramref name="name"/>, else the default one.</summary>
    /// <exception cref="UsageException">No such profile, or no name and no default.</exception>
    public (string Name, Profile Profile) Resolve(string? name)
    {
        var file = Load();
        var chosen = name ?? file.Default;
        if (chosen is null)
        {
            throw new UsageException(file.Profiles.Count == 0
                ? $"no profile: add one with 'skn profile add <name> --node <url> --cert <pem> --key <pem> --ca <pem>' (config folder {_configDirectory})"
                : $"no default profile: pass --profile <name> or run 'skn profile use <name>' (profiles: {string.Join(", ", file.Profiles.Keys)})");
        }

        return file.Profiles.TryGetValue(chosen, out var profile)
            ? (chosen, profile)
            : throw new UsageException($"profile '{chosen}' does not exist in {FilePath}" +
                (file.Profiles.Count == 0 ? "" : $" (profiles: {string.Join(", ", file.Profiles.Keys)})"));
    }

    /// <summary>The folder for the state a profile keeps between runs (receipts of fetched messages).</summary>
    public string StateDirectory(string profileName) => Path.Combine(_configDirectory, "state", profileName);
}
