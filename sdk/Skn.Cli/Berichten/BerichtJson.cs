using System.Text.Json.Nodes;
using Google.Protobuf;
using Skn.Cli.Errors;
using Skn.Sdk;

namespace Skn.Cli.Berichten;

/// <summary>Berichten and envelopes in the contract's JSON mapping (Google.Protobuf JsonParser/JsonFormatter), the form any vendor's tooling reads.</summary>
internal static class BerichtJson
{
    // The default parser refuses unknown fields: a misspelt field silently dropped would send a bericht without it.
    private static readonly JsonParser Parser = JsonParser.Default;

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    /// <summary>Reads the bericht called <paramref name="berichtName"/> from the JSON file <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The file is missing or is not that bericht in the JSON mapping; the message names the file.</exception>
    public static IMessage ReadFile(string berichtName, string path)
    {
        var descriptor = BerichtCatalog.DescriptorOf(berichtName);
        if (!File.Exists(path))
        {
            throw new UsageException($"bericht file {path} does not exist");
        }

        try
        {
            return Parser.Parse(File.ReadAllText(path), descriptor);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            throw new UsageException($"{path} is not a valid {berichtName} in the contract's JSON mapping: {ex.Message}", ex);
        }
    }

    /// <summary>A received message as one JSON object: the envelope's metadata, the bericht name, and the bericht.</summary>
    public static JsonObject ToJson(ReceivedMessage message) => new()
    {
        ["messageId"] = message.MessageId,
        ["type"] = BerichtCatalog.NameOf(message.Type),
        ["attempt"] = message.Attempt,
        ["envelope"] = JsonNode.Parse(Formatter.Format(message.Envelope)),
        ["bericht"] = JsonNode.Parse(Formatter.Format(message.Bericht)),
    };

    /// <summary>A message in the contract's JSON mapping.</summary>
    public static string Format(IMessage message) => Formatter.Format(message);
}
