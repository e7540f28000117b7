using System.Net;
using System.Text.Json;
using Skn.Certificates;

namespace Skn.Bench.Systems.Skn;

/// <summary>
/// The benchmark's participants: up to <see cref="MaxProducers"/> debt counsellors (SHV, the
/// producers) and one creditor (SE) per mailbox. Their development certificates are made once per
/// benchmark run and shared by every node the run starts; the registry file is written per node.
/// </summary>
internal sealed class BenchParticipants : IDisposable
{
    public const int MaxProducers = 64;

    private BenchParticipants(DevelopmentCertificateSet certificates, IReadOnlyList<string> producers, IReadOnlyList<string> mailboxes)
    {
        Certificates = certificates;
        ProducerOins = producers;
        MailboxOins = mailboxes;
    }

    public DevelopmentCertificateSet Certificates { get; }

    public IReadOnlyList<string> ProducerOins { get; }

    public IReadOnlyList<string> MailboxOins { get; }

    /// <summary>Creates (or reuses) the certificates under <paramref name="directory"/>.</summary>
    public static BenchParticipants Ensure(string directory, int producers, int mailboxes)
    {
        // 20-digit OINs in the 00000099 test range: 1xxxxx for counsellors, 2xxxxx for creditors.
        var producerOins = Enumerable.Range(1, producers).Select(i => $"00000099000001{i:D6}").ToArray();
        var mailboxOins = Enumerable.Range(1, mailboxes).Select(i => $"00000099000002{i:D6}").ToArray();
        var set = DevelopmentCertificateSet.Ensure(
            directory,
            producerOins.Select(o => (o, $"Bench SHV {o[^3..]}")).Concat(mailboxOins.Select(o => (o, $"Bench SE {o[^3..]}"))),
            ["localhost"],
            [IPAddress.Loopback]);
        return new BenchParticipants(set, producerOins, mailboxOins);
    }

    /// <summary>Writes the node's registry file: every participant active, with its certificate.</summary>
    public void WriteRegistry(string path)
    {
        static object Entry(string oin, string name, string role, string certificate) => new
        {
            oin,
            name,
            role,
            attributes = Array.Empty<string>(),
            state = "ACTIVE",
            certificates = new[] { new { file = certificate } },
        };

        var participants = ProducerOins.Select(o => Entry(o, $"Bench SHV {o[^3..]}", "SHV", Certificates.ParticipantCertificatePath(o)))
            .Concat(MailboxOins.Select(o => Entry(o, $"Bench SE {o[^3..]}", "SE", Certificates.ParticipantCertificatePath(o))));
        File.WriteAllText(path, JsonSerializer.Serialize(new { participants }, new JsonSerializerOptions { WriteIndented = true }));
    }

    public void Dispose() => Certificates.Dispose();
}
