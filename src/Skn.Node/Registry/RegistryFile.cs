using System.Text.Json;
using System.Text.Json.Serialization;

namespace Skn.Node.Registry;

/// <summary>
/// The registry file the operator edits: JSON with one entry per participant. Certificate paths are
/// relative to the file's folder. Enum values are written as in the contract without prefix
/// ("SHV", "PUBLIEK", "ACTIVE").
/// </summary>
internal sealed record RegistryFile
{
    public List<RegistryFileParticipant> Participants { get; init; } = [];

    /// <summary>The node's operators (beheerders): a role of their own, not participants.</summary>
    public List<RegistryFileOperator> Operators { get; init; } = [];

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };
}

/// <summary>One participant in the registry file.</summary>
internal sealed record RegistryFileParticipant
{
    public string Oin { get; init; } = "";

    public string? KvkNummer { get; init; }

    public string Name { get; init; } = "";

    public string Role { get; init; } = "";

    public List<string> Attributes { get; init; } = [];

    public string State { get; init; } = "ACTIVE";

    public List<RegistryFileCertificate> Certificates { get; init; } = [];
}

/// <summary>A certificate reference in the registry file.</summary>
internal sealed record RegistryFileCertificate
{
    /// <summary>PEM file with the public certificate, relative to the registry file's folder.</summary>
    public string File { get; init; } = "";

    /// <summary>TLS, SIGNING, ENCRYPTION. Default: all three (one development certificate serves every use).</summary>
    public List<string> Uses { get; init; } = [];
}

/// <summary>An operator in the registry file: who may call OperatorService, with which certificates.</summary>
internal sealed record RegistryFileOperator
{
    public string Oin { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>PEM files with the operator's public TLS certificates, relative to the registry file's folder.</summary>
    public List<RegistryFileCertificate> Certificates { get; init; } = [];
}
