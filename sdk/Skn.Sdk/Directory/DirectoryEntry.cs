using System.Security.Cryptography.X509Certificates;
using Skn.V1;

namespace Skn.Sdk;

/// <summary>
/// A participant as the directory describes it: role, attributes (which decide the content rules),
/// state, and its public certificates by use. Only certificates that chain to the client's trust
/// anchors and are valid now are listed.
/// </summary>
public sealed class DirectoryEntry
{
    internal DirectoryEntry(Participant participant, IReadOnlyList<X509Certificate2> signing, IReadOnlyList<X509Certificate2> encryption, DateTimeOffset fetchedAt)
    {
        Oin = participant.Oin;
        Name = participant.Name;
        KvkNummer = participant.KvkNummer;
        Role = participant.Role;
        State = participant.State;
        Attributes = participant.Attributes.ToHashSet();
        SigningCertificates = signing;
        EncryptionCertificates = encryption;
        FetchedAt = fetchedAt;
    }

    /// <summary>The participant's OIN.</summary>
    public string Oin { get; }

    /// <summary>The organisation's name.</summary>
    public string Name { get; }

    /// <summary>The Chamber of Commerce number, when known.</summary>
    public string KvkNummer { get; }

    /// <summary>SHV (debt counsellor) or SE (creditor).</summary>
    public Role Role { get; }

    /// <summary>Active or suspended.</summary>
    public ParticipantState State { get; }

    /// <summary>True when the participant may send and receive.</summary>
    public bool IsActive => State == ParticipantState.Active;

    /// <summary>The attributes (Publiek, Nuts, VTLB verplicht, Verlengen afhandeltermijn).</summary>
    public IReadOnlySet<ParticipantAttribute> Attributes { get; }

    /// <summary>Certificates that may sign this participant's berichten.</summary>
    public IReadOnlyList<X509Certificate2> SigningCertificates { get; }

    /// <summary>Certificates to seal berichten for this participant with.</summary>
    public IReadOnlyList<X509Certificate2> EncryptionCertificates { get; }

    /// <summary>When the entry was read from the node.</summary>
    public DateTimeOffset FetchedAt { get; }

    /// <summary>True when the participant has <paramref name="attribute"/>.</summary>
    public bool Has(ParticipantAttribute attribute) => Attributes.Contains(attribute);
}
