using System.Security.Cryptography;
using Google.Protobuf.Collections;
using Skn.V1;

namespace Skn.Sdk.Rules;

/// <summary>
/// The attachment rules (DOMAIN-REFERENCE §2.3 rule 3). A VTLB-verplicht creditor judges a proposal
/// by the VTLB calculation, so it must come along as a Recofa PDF; and any attachment must be a file
/// the recipient can open: named, not empty, really a PDF when it says so, and matching its hash.
/// </summary>
internal static class AttachmentRules
{
    private const string Pdf = "application/pdf";

    public static void Check(RuleContext context)
    {
        if (context.RecipientRequiresVtlb)
        {
            RequireVtlb(context);
        }

        foreach (var (path, bijlage) in context.All<Bijlage>())
        {
            CheckBijlage(context, path, bijlage);
        }
    }

    private static void RequireVtlb(RuleContext context)
    {
        if (context.Content.Betaalvoorstel is { } voorstel && !HasVtlb(voorstel.Bijlagen))
        {
            context.Violations.Add(context.Path, "bijlagen", "must contain the VTLB calculation (soort VTLB_RECOFA, mime_type application/pdf) because the recipient is VTLB verplicht.");
        }

        // A Heroverweging without a changed proposal only argues; with one, it is a new proposal and
        // needs the VTLB like a Betaalvoorstel. Either list may carry it.
        if (context.Content.Heroverweging is { GewijzigdVoorstel: { } gewijzigd } heroverweging
            && !HasVtlb(heroverweging.Bijlagen) && !HasVtlb(gewijzigd.Bijlagen))
        {
            context.Violations.Add(context.Path, "bijlagen", "must contain the VTLB calculation (soort VTLB_RECOFA, mime_type application/pdf), here or in gewijzigd_voorstel.bijlagen, because the recipient is VTLB verplicht and a gewijzigd_voorstel is attached.");
        }
    }

    // The presence of the VTLB is checked here; whether that attachment is a sound PDF is checked
    // per attachment below, so a broken one is reported at its own path.
    private static bool HasVtlb(RepeatedField<Bijlage> bijlagen) => bijlagen.Any(b => b.Soort == BijlageSoort.VtlbRecofa);

    private static void CheckBijlage(RuleContext context, string path, Bijlage bijlage)
    {
        if (string.IsNullOrWhiteSpace(bijlage.Bestandsnaam))
        {
            context.Violations.Add(path, "bestandsnaam", "is required: give the file name the recipient will see, for example \"vtlb.pdf\".");
        }

        var saysPdf = IsPdfMediaType(bijlage.MimeType);
        if (bijlage.Soort == BijlageSoort.VtlbRecofa && !saysPdf)
        {
            context.Violations.Add(path, "mime_type", "must be application/pdf: the VTLB calculation (VTLB_RECOFA) is only accepted as a PDF.");
        }

        if (bijlage.Inhoud.IsEmpty)
        {
            context.Violations.Add(path, "inhoud", "must not be empty: attach the document's bytes.");
        }
        else if ((saysPdf || bijlage.Soort == BijlageSoort.VtlbRecofa) && !PdfSignature.IsPdf(bijlage.Inhoud.Span))
        {
            context.Violations.Add(path, "inhoud", "is not a PDF: a PDF starts with %PDF- and ends with %%EOF; attach the PDF file itself, complete and not re-encoded.");
        }

        CheckHash(context, path, bijlage);
    }

    private static void CheckHash(RuleContext context, string path, Bijlage bijlage)
    {
        if (bijlage.Sha256.IsEmpty)
        {
            return;
        }

        if (bijlage.Sha256.Length != SHA256.HashSizeInBytes)
        {
            context.Violations.Add(path, "sha256", $"must be the {SHA256.HashSizeInBytes}-byte SHA-256 digest of inhoud (raw bytes, not hex or base64), or left out; it has {bijlage.Sha256.Length} bytes.");
            return;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bijlage.Inhoud.Span, actual);
        if (!actual.SequenceEqual(bijlage.Sha256.Span))
        {
            context.Violations.Add(path, "sha256", "does not match the SHA-256 of inhoud: the document was changed or damaged after it was hashed; recompute it from the bytes you attach.");
        }
    }

    // Media types are case-insensitive and may carry parameters ("application/pdf; name=x.pdf").
    private static bool IsPdfMediaType(string mimeType)
    {
        var semicolon = mimeType.IndexOf(';');
        var type = semicolon < 0 ? mimeType : mimeType[..semicolon];
        return string.Equals(type.Trim(), Pdf, StringComparison.OrdinalIgnoreCase);
    }
}
