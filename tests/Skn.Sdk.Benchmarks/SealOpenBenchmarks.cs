using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Skn.Certificates;
using Skn.Sdk.Sealing;
using Skn.V1;

namespace Skn.Sdk.Benchmarks;

/// <summary>
/// Seal and open throughput of <see cref="ContentSeal"/> with the development certificates (RSA 2048
/// participants under an RSA 3072 CA), for a typical small bericht and for one carrying a 200 KB PDF.
/// The baseline is a protobuf serialize and parse of the same content, measured in the same run, so the
/// figures can be quoted as ratios that travel better between machines than absolute times.
/// Run: <c>dotnet run -c Release --project tests/Skn.Sdk.Benchmarks -- --filter '*SealOpen*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class SealOpenBenchmarks
{
    private const string SenderOin = "00000099000000000201";
    private const string RecipientOin = "00000099000000000101";
    private const int PdfSize = 200 * 1024;

    private static readonly DateTimeOffset SigningTime = new(2026, 3, 2, 10, 15, 30, TimeSpan.Zero);

    private string _directory = null!;
    private X509Certificate2 _senderWithKey = null!;
    private X509Certificate2 _senderPublic = null!;
    private X509Certificate2 _recipientWithKey = null!;
    private X509Certificate2 _recipientPublic = null!;
    private X509Certificate2[] _recipients = null!;
    private X509Certificate2[] _senderCertificates = null!;
    private Content _content = null!;
    private byte[] _sealed = null!;

    /// <summary>Which content document is sealed and opened.</summary>
    [Params("SaldoverzoekAntwoord", "Betaalvoorstel+200KB")]
    public string Bericht { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "skn-sdk-benchmarks-" + Guid.NewGuid().ToString("N"));
        using (var set = DevelopmentCertificateSet.Ensure(
            _directory,
            [(SenderOin, "Woonstichting De Sleutel"), (RecipientOin, "Gemeente Groningen")],
            ["localhost"],
            [IPAddress.Loopback]))
        {
            _senderWithKey = set.LoadParticipant(SenderOin);
            _senderPublic = PemFiles.LoadCertificate(set.ParticipantCertificatePath(SenderOin));
            _recipientWithKey = set.LoadParticipant(RecipientOin);
            _recipientPublic = PemFiles.LoadCertificate(set.ParticipantCertificatePath(RecipientOin));
        }

        _recipients = [_recipientPublic];
        _senderCertificates = [_senderPublic];
        _content = Bericht switch
        {
            "SaldoverzoekAntwoord" => BenchmarkContent.SaldoverzoekAntwoord(SenderOin, RecipientOin),
            "Betaalvoorstel+200KB" => BenchmarkContent.BetaalvoorstelWithPdf(RecipientOin, SenderOin, PdfSize),
            _ => throw new InvalidOperationException($"Unknown bericht {Bericht}."),
        };
        _sealed = ContentSeal.Seal(_content, _senderWithKey, _recipients, SigningTime);

        // Fail the run rather than measure something that does not work.
        var opened = ContentSeal.Open("setup", _sealed, _recipientWithKey, _senderCertificates);
        if (!opened.Content.Equals(_content))
        {
            throw new InvalidOperationException("The sealed content did not open to the original.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _senderWithKey.Dispose();
        _senderPublic.Dispose();
        _recipientWithKey.Dispose();
        _recipientPublic.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The reference: serialize the content and parse it back, what any protobuf transport does anyway.</summary>
    [Benchmark(Baseline = true, Description = "Protobuf serialize+parse")]
    public Content ProtobufRoundTrip() => Content.Parser.ParseFrom(_content.ToByteArray());

    /// <summary>Sign (SHA-256, RSA 2048) and encrypt (AES-256-CBC, RSA-OAEP-SHA256) for one recipient.</summary>
    [Benchmark(Description = "Seal")]
    public byte[] Seal() => ContentSeal.Seal(_content, _senderWithKey, _recipients, SigningTime);

    /// <summary>Decrypt (RSA-OAEP private key operation), verify the signature and parse.</summary>
    [Benchmark(Description = "Open")]
    public OpenedContent Open() => ContentSeal.Open("benchmark", _sealed, _recipientWithKey, _senderCertificates);
}

/// <summary>The content documents the benchmarks seal.</summary>
internal static class BenchmarkContent
{
    /// <summary>A typical Saldoverzoek antwoord: three claims, a contact and payment details (about 700 bytes).</summary>
    public static Content SaldoverzoekAntwoord(string senderOin, string recipientOin) => new()
    {
        Header = Header(BerichtType.SaldoverzoekAntwoord, senderOin, recipientOin, Guid.NewGuid().ToString()),
        SaldoverzoekAntwoord = new SaldoverzoekAntwoord
        {
            KlantnummerSe = "K-2026-004711",
            ContactpersoonSe = Contact("Fatima el Amrani", "debiteuren@example.nl"),
            Peildatum = new Date { Year = 2026, Month = 3, Day = 1 },
            Vorderingen =
            {
                Vordering("HUUR-2025-11", 85_000, 1_250, 4_000),
                Vordering("HUUR-2025-12", 85_000, 600, 4_000),
                Vordering("SERV-2025-Q4", 12_345, 0, 0),
            },
            TotaalOpenstaandCent = 192_195,
            Betaalgegevens = new Betaalgegevens { Iban = "NL91ABNA0417164300", Tenaamstelling = "Woonstichting De Sleutel", Betaalreferentie = "K-2026-004711" },
            IncassoOpgeschortTot = new Date { Year = 2026, Month = 6, Day = 30 },
            Toelichting = "Huurachterstand november en december, servicekosten vierde kwartaal.",
        },
    };

    /// <summary>A Betaalvoorstel with a VTLB PDF attachment of <paramref name="pdfSize"/> bytes (random bytes behind a %PDF- header).</summary>
    public static Content BetaalvoorstelWithPdf(string senderOin, string recipientOin, int pdfSize)
    {
        var pdf = new byte[pdfSize];
        new Random(20260302).NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);
        return new Content
        {
            Header = Header(BerichtType.Betaalvoorstel, senderOin, recipientOin, ""),
            Betaalvoorstel = new Betaalvoorstel
            {
                KlantnummerShv = "SHV-88812",
                KlantnummerSe = "K-2026-004711",
                Klant = new Persoon { Voorletters = "A.M.", Achternaam = "Vermeulen", Geboortedatum = new Date { Year = 1984, Month = 7, Day = 14 } },
                TypeSchuldregeling = TypeSchuldregeling.Schuldbemiddeling,
                LooptijdMaanden = 18,
                StartdatumLooptijd = new Date { Year = 2026, Month = 4, Day = 1 },
                TotaleSchuldenlastCent = 2_450_000,
                AantalSchuldeisers = 7,
                AfloscapaciteitPerMaandCent = 12_500,
                VtlbPerMaandCent = 145_000,
                Uitbetaalmoment = Uitbetaalmoment.Periodiek,
                Vorderingen =
                {
                    new VoorstelVordering { FactuurnummerSe = "HUUR-2025-11", ActueelVorderingsbedragCent = 90_250, PrognoseEindbedragCent = 8_302, AfkooppercentageBp = 920, Vorderingstype = Vorderingstype.Concurrent },
                },
                TotaalAanbodPercentageBp = 920,
                Bijlagen =
                {
                    new Bijlage
                    {
                        Soort = BijlageSoort.VtlbRecofa,
                        Bestandsnaam = "vtlb-2026-03.pdf",
                        MimeType = "application/pdf",
                        Inhoud = ByteString.CopyFrom(pdf),
                        Sha256 = ByteString.CopyFrom(SHA256.HashData(pdf)),
                    },
                },
                ContactpersoonShv = Contact("Joost de Vries", "schuldhulp@example.nl"),
            },
        };
    }

    private static ContentHeader Header(BerichtType type, string senderOin, string recipientOin, string inReplyTo) => new()
    {
        MessageId = Guid.NewGuid().ToString(),
        Type = type,
        SenderOin = senderOin,
        RecipientOin = recipientOin,
        ConversationId = Guid.NewGuid().ToString(),
        InReplyTo = inReplyTo,
        DefinitionVersion = "1.0",
    };

    private static Contactpersoon Contact(string naam, string email) =>
        new() { Naam = naam, Email = email, Telefoonnummer = "+31 50 123 4567" };

    private static Vordering Vordering(string factuurnummer, long hoofdsom, long rente, long kosten) => new()
    {
        FactuurnummerSe = factuurnummer,
        Schuldtype = Schuldtype.OpenstaandeSchuld,
        Ontstaansdatum = new Date { Year = 2025, Month = 11, Day = 1 },
        OorspronkelijkeVorderingCent = hoofdsom,
        HoofdsomCent = hoofdsom,
        RenteCent = rente,
        KostenCent = kosten,
        OpenstaandSaldoCent = hoofdsom + rente + kosten,
    };
}
