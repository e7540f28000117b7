using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Skn.Certificates;
using Skn.Domain.Identifiers;
using Skn.V1;

namespace Skn.Node.Registry;

/// <summary>
/// Reads and checks the registry file. A file with any error is refused as a whole, with every
/// problem listed, so that a typo never half-applies (the node keeps the last good registry).
/// </summary>
internal static class RegistryLoader
{
    public static RegistryContents Load(string path)
    {
        RegistryFile? file;
        try
        {
            using var stream = File.OpenRead(path);
            file = JsonSerializer.Deserialize<RegistryFile>(stream, RegistryFile.JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new RegistryException($"{path}: not valid JSON ({ex.Message}).", ex);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var problems = new List<string>();
        var result = new Dictionary<string, RegisteredParticipant>(StringComparer.Ordinal);
        var entries = file?.Participants ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var where = $"participants[{i}]";
            if (!Oin.IsValid(entry.Oin))
            {
                problems.Add($"{where}.oin: '{entry.Oin}' is not 20 digits.");
                continue;
            }

            if (result.ContainsKey(entry.Oin))
            {
                problems.Add($"{where}.oin: {entry.Oin} appears twice.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                problems.Add($"{where}.name: required.");
            }

            var role = ParseEnum<Role>(entry.Role, "ROLE_", $"{where}.role", problems);
            var state = ParseEnum<ParticipantState>(entry.State, "PARTICIPANT_STATE_", $"{where}.state", problems);
            var attributes = entry.Attributes
                .Select((a, j) => ParseEnum<ParticipantAttribute>(a, "PARTICIPANT_ATTRIBUTE_", $"{where}.attributes[{j}]", problems))
                .Where(a => a != ParticipantAttribute.Unspecified)
                .ToHashSet();
            var certificates = new List<(X509Certificate2, IReadOnlySet<CertificateUse>)>();
            for (var j = 0; j < entry.Certificates.Count; j++)
            {
                var reference = entry.Certificates[j];
                var certificatePath = Path.Combine(folder, reference.File);
                try
                {
                    var certificate = PemFiles.LoadCertificate(certificatePath);
                    if (ParticipantIdentity.GetOin(certificate) is { } certificateOin && certificateOin != entry.Oin)
                    {
                        problems.Add($"{where}.certificates[{j}]: {reference.File} belongs to OIN {certificateOin}, not {entry.Oin}.");
                    }

                    IReadOnlySet<CertificateUse> uses = reference.Uses.Count == 0
                        ? new HashSet<CertificateUse> { CertificateUse.Tls, CertificateUse.Signing, CertificateUse.Encryption }
                        : reference.Uses.Select((u, k) => ParseEnum<CertificateUse>(u, "CERTIFICATE_USE_", $"{where}.certificates[{j}].uses[{k}]", problems)).ToHashSet();
                    certificates.Add((certificate, uses));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
                {
                    problems.Add($"{where}.certificates[{j}]: cannot read {certificatePath} ({ex.Message}).");
                }
            }

            if (role == Role.Unspecified || state == ParticipantState.Unspecified)
            {
                continue;
            }

            result[entry.Oin] = new RegisteredParticipant
            {
                Oin = entry.Oin,
                KvkNummer = entry.KvkNummer ?? "",
                Name = entry.Name,
                Role = role,
                State = state,
                Attributes = attributes,
                Certificates = certificates,
            };
        }

        var operators = LoadOperators(file?.Operators ?? [], folder, result, problems);
        if (problems.Count > 0)
        {
            throw new RegistryException($"{path} has {problems.Count} problem(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }

        return new RegistryContents(result, operators);
    }

    private static Dictionary<string, RegisteredOperator> LoadOperators(
        List<RegistryFileOperator> entries, string folder, Dictionary<string, RegisteredParticipant> participants, List<string> problems)
    {
        var result = new Dictionary<string, RegisteredOperator>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var where = $"operators[{i}]";
            if (!Oin.IsValid(entry.Oin))
            {
                problems.Add($"{where}.oin: '{entry.Oin}' is not 20 digits.");
                continue;
            }

            // One certificate, one role: an OIN that is both would let an operator's certificate
            // reach the exchange or a participant's reach the operator service.
            if (participants.ContainsKey(entry.Oin) || result.ContainsKey(entry.Oin))
            {
                problems.Add($"{where}.oin: {entry.Oin} appears twice (operators and participants share one list of OINs).");
                continue;
            }

            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                problems.Add($"{where}.name: required.");
            }

            var certificates = new List<X509Certificate2>();
            for (var j = 0; j < entry.Certificates.Count; j++)
            {
                var certificatePath = Path.Combine(folder, entry.Certificates[j].File);
                try
                {
                    var certificate = PemFiles.LoadCertificate(certificatePath);
                    if (ParticipantIdentity.GetOin(certificate) is { } certificateOin && certificateOin != entry.Oin)
                    {
                        problems.Add($"{where}.certificates[{j}]: {entry.Certificates[j].File} belongs to OIN {certificateOin}, not {entry.Oin}.");
                    }

                    certificates.Add(certificate);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
                {
                    problems.Add($"{where}.certificates[{j}]: cannot read {certificatePath} ({ex.Message}).");
                }
            }

            result[entry.Oin] = new RegisteredOperator { Oin = entry.Oin, Name = entry.Name, Certificates = certificates };
        }

        return result;
    }

    private static T ParseEnum<T>(string? text, string prefix, string where, List<string> problems)
        where T : struct, Enum
    {
        // Accept both "SHV" and the contract's full name "ROLE_SHV", case-insensitively.
        var normalized = (text ?? "").Trim().ToUpperInvariant();
        if (normalized.StartsWith(prefix, StringComparison.Ordinal))
        {
            normalized = normalized[prefix.Length..];
        }

        var pascal = string.Concat(normalized.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part[0] + part[1..].ToLowerInvariant()));
        if (pascal.Length > 0 && !pascal.Equals("Unspecified", StringComparison.Ordinal) && Enum.TryParse<T>(pascal, out var value))
        {
            return value;
        }

        var allowed = string.Join(", ", Enum.GetNames<T>().Where(n => n != "Unspecified").Select(n => ToUpperSnake(n)));
        problems.Add($"{where}: '{text}' is not one of {allowed}.");
        return default;
    }

    internal static string ToUpperSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}

/// <summary>What a registry file holds: participants and operators, each by OIN.</summary>
internal sealed record RegistryContents(
    IReadOnlyDictionary<string, RegisteredParticipant> Participants,
    IReadOnlyDictionary<string, RegisteredOperator> Operators);

/// <summary>The registry file cannot be used; the message lists every problem.</summary>
public sealed class RegistryException(string message, Exception? innerException = null) : Exception(message, innerException);
