using System.Text.Json;
using System.Text.Json.Serialization;

namespace Skn.Cli.Profiles;

/// <summary>The content of profiles.json: every profile by name and which one is used without --profile.</summary>
internal sealed class ProfileFile
{
    /// <summary>How the file is written: indented and camelCase, because people read and edit it.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The profile used when --profile is not given.</summary>
    public string? Default { get; set; }

    /// <summary>The profiles by name.</summary>
    public SortedDictionary<string, Profile> Profiles { get; set; } = new(StringComparer.Ordinal);
}
