using System.Text.Json;
using System.Text.Json.Nodes;

namespace Skn.Cli.Output;

/// <summary>JSON for scripts: one object per line (for --json) or one indented document per file (for --out).</summary>
internal static class JsonLines
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="json"/> as one line and flushes, so a follower sees each message as it arrives.</summary>
    public static void WriteLine(TextWriter output, JsonObject json)
    {
        output.WriteLine(json.ToJsonString());
        output.Flush();
    }

    /// <summary>Writes <paramref name="json"/> indented to <paramref name="path"/>, atomically.</summary>
    public static void WriteFile(string path, JsonObject json)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, json.ToJsonString(Indented) + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
