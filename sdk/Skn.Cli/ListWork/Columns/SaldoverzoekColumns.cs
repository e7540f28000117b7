namespace Skn.Cli.ListWork.Columns;

/// <summary>
/// The columns of the Saldoverzoeken sheet, in export order: first what staff need to find the client
/// and the claim in their own administration, then the answer columns they fill in.
/// </summary>
internal static class SaldoverzoekColumns
{
    /// <summary>The client's street and house number (or the lines of a foreign address).</summary>
    public const string Adres = "Adres";

    /// <summary>The client's postcode.</summary>
    public const string Postcode = "Postcode";

    /// <summary>The client's place of residence (or the country code of a foreign address).</summary>
    public const string Woonplaats = "Woonplaats";

    /// <summary>The client's number at the creditor as far as the SHV knows it.</summary>
    public const string KlantnummerSeVolgensShv = "Klantnummer SE volgens SHV";

    /// <summary>Whether the municipality takes part in Collectief Schuldregelen (vooraf akkoord possible).</summary>
    public const string CollectiefSchuldregelen = "Collectief schuldregelen";

    /// <summary>The claim as the SHV names it.</summary>
    public const string FactuurnummerVolgensShv = "Factuurnummer volgens SHV";

    /// <summary>The SHV's description of the claim.</summary>
    public const string Omschrijving = "Omschrijving";

    /// <summary>The amount the SHV believes is owed.</summary>
    public const string BedragVolgensShv = "Bedrag volgens SHV";

    /// <summary>The date the balance applies to; prefilled with the requested peildatum.</summary>
    public const string Peildatum = "Peildatum";

    /// <summary>The creditor's own invoice number; blank means the SHV's reference.</summary>
    public const string FactuurnummerSe = "Factuurnummer SE";

    /// <summary>openstaand, overgedragen or onbekend; blank means openstaand.</summary>
    public const string Schuldtype = "Schuldtype";

    /// <summary>The date the claim arose.</summary>
    public const string Ontstaansdatum = "Ontstaansdatum";

    /// <summary>The original amount of the claim.</summary>
    public const string OorspronkelijkBedrag = "Oorspronkelijk bedrag";

    /// <summary>Outstanding principal.</summary>
    public const string Hoofdsom = "Hoofdsom";

    /// <summary>Outstanding interest.</summary>
    public const string Rente = "Rente";

    /// <summary>Outstanding collection costs.</summary>
    public const string Kosten = "Kosten";

    /// <summary>Outstanding court and bailiff costs.</summary>
    public const string GerechtelijkeKosten = "Gerechtelijke kosten";

    /// <summary>The balance of the claim; computed from the four parts when blank.</summary>
    public const string OpenstaandSaldo = "Openstaand saldo";

    /// <summary>The ground of a vooraf-akkoord answer; blank means collectief-schuldregelen.</summary>
    public const string GrondslagVoorafAkkoord = "Grondslag vooraf akkoord";

    /// <summary>The reason of a geen-medewerking answer.</summary>
    public const string RedenGeenMedewerking = "Reden geen medewerking";

    /// <summary>Every column, in export order (BSN only when a request carries one).</summary>
    public static IReadOnlyList<string> All(bool withBsn) =>
    [
        CommonColumns.VerzoekId, CommonColumns.AfzenderOin, CommonColumns.Afzender, CommonColumns.Dossier,
        CommonColumns.OntvangenOp, CommonColumns.AntwoordUiterlijk,
        CommonColumns.KlantnummerShv, KlantnummerSeVolgensShv, CommonColumns.NaamKlant, CommonColumns.Geboortedatum,
        .. withBsn ? [CommonColumns.Bsn] : Array.Empty<string>(),
        Adres, Postcode, Woonplaats, CollectiefSchuldregelen,
        FactuurnummerVolgensShv, Omschrijving, BedragVolgensShv,
        CommonColumns.Antwoord, CommonColumns.KlantnummerSe, Peildatum,
        FactuurnummerSe, Schuldtype, Ontstaansdatum, OorspronkelijkBedrag,
        Hoofdsom, Rente, Kosten, GerechtelijkeKosten, OpenstaandSaldo,
        GrondslagVoorafAkkoord, RedenGeenMedewerking, CommonColumns.Toelichting,
        CommonColumns.ContactNaam, CommonColumns.ContactTelefoon, CommonColumns.ContactEmail,
        CommonColumns.Iban, CommonColumns.Tenaamstelling, CommonColumns.Betaalreferentie,
    ];

    /// <summary>Columns without which nothing can be imported.</summary>
    public static IReadOnlyList<string> Required { get; } = [CommonColumns.VerzoekId, CommonColumns.Antwoord];

    /// <summary>
    /// The columns a person fills in. Prefilled ones (Klantnummer SE, Peildatum) are left out: a row
    /// with only those is a row nobody answered yet.
    /// </summary>
    public static IReadOnlyList<string> Entry { get; } =
    [
        CommonColumns.Antwoord, FactuurnummerSe, Schuldtype, Ontstaansdatum, OorspronkelijkBedrag,
        Hoofdsom, Rente, Kosten, GerechtelijkeKosten, OpenstaandSaldo, GrondslagVoorafAkkoord, RedenGeenMedewerking,
        CommonColumns.Toelichting, CommonColumns.ContactNaam, CommonColumns.ContactTelefoon, CommonColumns.ContactEmail,
        CommonColumns.Iban, CommonColumns.Tenaamstelling, CommonColumns.Betaalreferentie,
    ];
}
