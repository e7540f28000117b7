using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates;
using Skn.Domain.Identifiers;
using Skn.Node.Registry;
using Skn.V1;

namespace Skn.Node.Operator;

/// <summary>
/// Checks what the operator asks to register or change, field by field, before anything is
/// written, so that a refusal names the request field ("participant.attributes[1]") rather than a
/// line of the registry file; and turns an accepted request into the registry file's entry.
/// </summary>
internal sealed class ParticipantChanges(ParticipantRegistry registry, CertificateTrust? trust)
{
    /// <summary>The fields UpdateParticipant may change (AIP-134 update_mask paths).</summary>
    public static readonly IReadOnlySet<string> UpdatableFields =
        new HashSet<string>(StringComparer.Ordinal) { "name", "kvk_nummer", "role", "attributes", "certificates" };

    private const int MaxNameLength = 200;

    /// <summary>Problems with a participant to register; empty when it may be registered.</summary>
    public List<(string Field, string Description)> CheckNew(Participant? participant)
    {
        var problems = new List<(string, string)>();
        if (participant is null)
        {
            problems.Add(("participant", "is required."));
            return problems;
        }

        if (!Oin.IsValid(participant.Oin))
        {
            problems.Add(("participant.oin", "must be an OIN of 20 digits."));
        }
        else if (registry.Find(participant.Oin) is not null)
        {
            problems.Add(("participant.oin", $"{participant.Oin} is already registered; change it with UpdateParticipant."));
        }
        else if (registry.FindOperator(participant.Oin) is not null)
        {
            problems.Add(("participant.oin", $"{participant.Oin} is an operator's; an operator cannot also be a participant."));
        }

        if (participant.State is not (ParticipantState.Unspecified or ParticipantState.Active or ParticipantState.Suspended))
        {
            problems.Add(("participant.state", "must be ACTIVE or SUSPENDED (default ACTIVE)."));
        }

        CheckFields(participant, UpdatableFields, problems);
        return problems;
    }

    /// <summary>Problems with an update; empty when it may be applied.</summary>
    public List<(string Field, string Description)> CheckUpdate(Participant? participant, IReadOnlyCollection<string> paths)
    {
        var problems = new List<(string, string)>();
        if (participant is null)
        {
            problems.Add(("participant", "is required."));
            return problems;
        }

        if (!Oin.IsValid(participant.Oin))
        {
            problems.Add(("participant.oin", "must be an OIN of 20 digits."));
        }

        if (paths.Count == 0)
        {
            problems.Add(("update_mask", "must name the fields to change: " + string.Join(", ", UpdatableFields) + "."));
        }

        foreach (var path in paths.Where(p => !UpdatableFields.Contains(p)))
        {
            problems.Add(("update_mask", path == "state"
                ? "state is changed with SuspendParticipant and ReinstateParticipant."
                : $"'{path}' is not one of {string.Join(", ", UpdatableFields)}."));
        }

        CheckFields(participant, paths.ToHashSet(StringComparer.Ordinal), problems);
        return problems;
    }

    /// <summary>The registry entry for a new participant; <paramref name="storeCertificate"/> keeps a DER certificate and names its file.</summary>
    public static RegistryFileParticipant ToEntry(Participant participant, Func<byte[], string> storeCertificate) => new()
    {
        Oin = participant.Oin,
        KvkNummer = participant.KvkNummer.Length == 0 ? null : participant.KvkNummer,
        Name = participant.Name.Trim(),
        Role = RegistryLoader.ToUpperSnake(participant.Role.ToString()),
        Attributes = Attributes(participant),
        State = RegistryLoader.ToUpperSnake((participant.State == ParticipantState.Unspecified ? ParticipantState.Active : participant.State).ToString()),
        Certificates = Certificates(participant, storeCertificate),
    };

    /// <summary>The entry with the masked fields taken from <paramref name="participant"/>.</summary>
    public static RegistryFileParticipant Apply(RegistryFileParticipant entry, Participant participant, IReadOnlySet<string> paths, Func<byte[], string> storeCertificate) => entry with
    {
        Name = paths.Contains("name") ? participant.Name.Trim() : entry.Name,
        KvkNummer = paths.Contains("kvk_nummer") ? (participant.KvkNummer.Length == 0 ? null : participant.KvkNummer) : entry.KvkNummer,
        Role = paths.Contains("role") ? RegistryLoader.ToUpperSnake(participant.Role.ToString()) : entry.Role,
        Attributes = paths.Contains("attributes") ? Attributes(participant) : entry.Attributes,
        Certificates = paths.Contains("certificates") ? Certificates(participant, storeCertificate) : entry.Certificates,
    };

    private static List<string> Attributes(Participant participant) =>
        participant.Attributes.Order().Select(a => RegistryLoader.ToUpperSnake(a.ToString())).ToList();

    private static List<RegistryFileCertificate> Certificates(Participant participant, Func<byte[], string> storeCertificate) =>
        participant.Certificates.Select(c => new RegistryFileCertificate
        {
            File = storeCertificate(c.Der.ToByteArray()),
            Uses = c.Uses.Order().Select(u => RegistryLoader.ToUpperSnake(u.ToString())).ToList(),
        }).ToList();

    private void CheckFields(Participant participant, IReadOnlySet<string> fields, List<(string, string)> problems)
    {
        if (fields.Contains("name") && (string.IsNullOrWhiteSpace(participant.Name) || participant.Name.Length > MaxNameLength))
        {
            problems.Add(("participant.name", $"is required, at most {MaxNameLength} characters."));
        }

        if (fields.Contains("kvk_nummer") && participant.KvkNummer.Length > 0
            && (participant.KvkNummer.Length != 8 || !participant.KvkNummer.All(char.IsAsciiDigit)))
        {
            problems.Add(("participant.kvk_nummer", "must be 8 digits, or empty."));
        }

        if (fields.Contains("role") && participant.Role is not (Role.Shv or Role.Se))
        {
            problems.Add(("participant.role", "must be ROLE_SHV or ROLE_SE."));
        }

        if (fields.Contains("attributes"))
        {
            var seen = new HashSet<ParticipantAttribute>();
            for (var i = 0; i < participant.Attributes.Count; i++)
            {
                var attribute = participant.Attributes[i];
                if (attribute == ParticipantAttribute.Unspecified || !Enum.IsDefined(attribute))
                {
                    problems.Add(($"participant.attributes[{i}]", $"{(int)attribute} is not a known participant attribute."));
                }
                else if (!seen.Add(attribute))
                {
                    problems.Add(($"participant.attributes[{i}]", $"{RegistryLoader.ToUpperSnake(attribute.ToString())} is listed twice."));
                }
            }
        }

        if (fields.Contains("certificates"))
        {
            CheckCertificates(participant, problems);
        }
    }

    private void CheckCertificates(Participant participant, List<(string, string)> problems)
    {
        if (participant.Certificates.Count == 0)
        {
            problems.Add(("participant.certificates", "at least one certificate is required."));
        }

        for (var i = 0; i < participant.Certificates.Count; i++)
        {
            var entry = participant.Certificates[i];
            for (var j = 0; j < entry.Uses.Count; j++)
            {
                if (entry.Uses[j] == CertificateUse.Unspecified || !Enum.IsDefined(entry.Uses[j]))
                {
                    problems.Add(($"participant.certificates[{i}].uses[{j}]", $"{(int)entry.Uses[j]} is not a known certificate use."));
                }
            }

            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadCertificate(entry.Der.Span);
            }
            catch (CryptographicException)
            {
                problems.Add(($"participant.certificates[{i}].der", "is not a DER-encoded X.509 certificate."));
                continue;
            }

            using (certificate)
            {
                var certificateOin = ParticipantIdentity.GetOin(certificate);
                if (certificateOin != participant.Oin)
                {
                    problems.Add(($"participant.certificates[{i}].der", $"names OIN {certificateOin ?? "(none)"}, not {participant.Oin}."));
                }

                var verdict = trust?.Validate(certificate);
                if (verdict is null)
                {
                    problems.Add(($"participant.certificates[{i}].der", "cannot be checked: the node has no trusted CA (plaintext benchmark node)."));
                }
                else if (!verdict.IsValid)
                {
                    problems.Add(($"participant.certificates[{i}].der", $"is not accepted: {verdict.Description}"));
                }
            }
        }
    }
}
