namespace Skn.Cli.ListWork.Columns;

/// <summary>
/// The columns of the Betaalvoorstellen sheet, in export order: the proposal's terms (repeated on
/// every claim row so a filtered sheet still reads), the claim, then the answer columns.
/// </summary>
internal static class BetaalvoorstelColumns
{
    /// <summary>Betaalvoorstel or Heroverweging.</summary>
    public const string SoortVerzoek = "Soort verzoek";

    /// <summary>schuldbemiddeling, saneringskrediet, zonder-afloscapaciteit, ...</summary>
    public const string TypeSchuldregeling = "Type schuldregeling";

    /// <summary>The term in months.</summary>
    public const string Looptijd = "Looptijd (maanden)";

    /// <summary>First day of the term.</summary>
    public const string StartdatumLooptijd = "Startdatum looptijd";

    /// <summary>When the creditor is paid.</summary>
    public const string Uitbetaalmoment = "Uitbetaalmoment";

    /// <summary>The percentage offered to every concurrent creditor.</summary>
    public const string AangebodenPercentage = "Aangeboden percentage";

    /// <summary>The client's total debt over all creditors.</summary>
    public const string TotaleSchuldenlast = "Totale schuldenlast";

    /// <summary>Number of creditors in the settlement.</summary>
    public const string AantalSchuldeisers = "Aantal schuldeisers";

    /// <summary>What the client can pay per month.</summary>
    public const string AfloscapaciteitPerMaand = "Afloscapaciteit per maand";

    /// <summary>The protected income per month.</summary>
    public const string VtlbPerMaand = "VTLB per maand";

    /// <summary>The lender of a saneringskrediet.</summary>
    public const string Kredietverstrekker = "Kredietverstrekker";

    /// <summary>The SHV's explanation of the proposal (or the motivation of a Heroverweging).</summary>
    public const string ToelichtingShv = "Toelichting SHV";

    /// <summary>The creditor's invoice number of the claim in the proposal.</summary>
    public const string FactuurnummerSe = "Factuurnummer SE";

    /// <summary>concurrent, preferent or separatist.</summary>
    public const string Vorderingstype = "Vorderingstype";

    /// <summary>The current amount of the claim.</summary>
    public const string ActueelVorderingsbedrag = "Actueel vorderingsbedrag";

    /// <summary>What the creditor is expected to receive for the claim.</summary>
    public const string PrognoseEindbedrag = "Prognose eindbedrag";

    /// <summary>Prognose eindbedrag / actueel vorderingsbedrag.</summary>
    public const string Afkooppercentage = "Afkooppercentage";

    /// <summary>The amount accepted for the claim; blank means the prognose eindbedrag.</summary>
    public const string AkkoordBedrag = "Akkoord bedrag";

    /// <summary>Conditions of the consent, separated by commas.</summary>
    public const string Voorwaarden = "Voorwaarden";

    /// <summary>The reason of a niet-akkoord answer.</summary>
    public const string RedenNietAkkoord = "Reden niet akkoord";

    /// <summary>Counter-offer: an overall percentage.</summary>
    public const string TegenvoorstelPercentage = "Tegenvoorstel percentage";

    /// <summary>Counter-offer: a total amount.</summary>
    public const string TegenvoorstelBedrag = "Tegenvoorstel bedrag";

    /// <summary>Counter-offer: a term in months.</summary>
    public const string TegenvoorstelLooptijd = "Tegenvoorstel looptijd";

    /// <summary>Every column, in export order (BSN only when a request carries one).</summary>
    public static IReadOnlyList<string> All(bool withBsn) =>
    [
        CommonColumns.VerzoekId, SoortVerzoek, CommonColumns.AfzenderOin, CommonColumns.Afzender, CommonColumns.Dossier,
        CommonColumns.OntvangenOp, CommonColumns.AntwoordUiterlijk,
        CommonColumns.KlantnummerShv, CommonColumns.NaamKlant, CommonColumns.Geboortedatum,
        .. withBsn ? [CommonColumns.Bsn] : Array.Empty<string>(),
        TypeSchuldregeling, Looptijd, StartdatumLooptijd, Uitbetaalmoment, AangebodenPercentage,
        TotaleSchuldenlast, AantalSchuldeisers, AfloscapaciteitPerMaand, VtlbPerMaand, Kredietverstrekker, ToelichtingShv,
        FactuurnummerSe, Vorderingstype, ActueelVorderingsbedrag, PrognoseEindbedrag, Afkooppercentage,
        CommonColumns.Antwoord, CommonColumns.KlantnummerSe, AkkoordBedrag, Voorwaarden,
        RedenNietAkkoord, TegenvoorstelPercentage, TegenvoorstelBedrag, TegenvoorstelLooptijd, CommonColumns.Toelichting,
        CommonColumns.ContactNaam, CommonColumns.ContactTelefoon, CommonColumns.ContactEmail,
        CommonColumns.Iban, CommonColumns.Tenaamstelling, CommonColumns.Betaalreferentie,
    ];

    /// <summary>Columns without which nothing can be imported.</summary>
    public static IReadOnlyList<string> Required { get; } = [CommonColumns.VerzoekId, CommonColumns.Antwoord];

    /// <summary>The columns a person fills in (Klantnummer SE is prefilled from the proposal).</summary>
    public static IReadOnlyList<string> Entry { get; } =
    [
        CommonColumns.Antwoord, AkkoordBedrag, Voorwaarden, RedenNietAkkoord,
        TegenvoorstelPercentage, TegenvoorstelBedrag, TegenvoorstelLooptijd, CommonColumns.Toelichting,
        CommonColumns.ContactNaam, CommonColumns.ContactTelefoon, CommonColumns.ContactEmail,
        CommonColumns.Iban, CommonColumns.Tenaamstelling, CommonColumns.Betaalreferentie,
    ];
}
