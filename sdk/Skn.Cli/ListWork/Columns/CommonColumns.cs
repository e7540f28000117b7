namespace Skn.Cli.ListWork.Columns;

/// <summary>
/// Column headers both sheets share: the envelope facts of the request and the creditor's contact and
/// payment details. Headers are what a person sees in Excel, so they are Dutch and spelled out; the
/// import matches them case-insensitively and trimmed, in any order.
/// </summary>
internal static class CommonColumns
{
    /// <summary>The request's message id: the key that ties rows to a request. Required on import.</summary>
    public const string VerzoekId = "Verzoek-id";

    /// <summary>OIN of the debt counsellor's organisation that sent the request.</summary>
    public const string AfzenderOin = "Afzender OIN";

    /// <summary>Name of the sending organisation.</summary>
    public const string Afzender = "Afzender";

    /// <summary>The conversation id: one client dossier between this SHV and this creditor.</summary>
    public const string Dossier = "Dossier";

    /// <summary>The date the request was sent (Dutch time).</summary>
    public const string OntvangenOp = "Ontvangen op";

    /// <summary>The date the answer is due.</summary>
    public const string AntwoordUiterlijk = "Antwoord uiterlijk";

    /// <summary>The SHV's own client number.</summary>
    public const string KlantnummerShv = "Klantnummer SHV";

    /// <summary>The client's name as the SHV registered it.</summary>
    public const string NaamKlant = "Naam klant";

    /// <summary>The client's date of birth.</summary>
    public const string Geboortedatum = "Geboortedatum";

    /// <summary>The client's BSN; the column exists only when a request in the export carries one.</summary>
    public const string Bsn = "BSN";

    /// <summary>The choice of answer; required on import.</summary>
    public const string Antwoord = "Antwoord";

    /// <summary>The creditor's own client number.</summary>
    public const string KlantnummerSe = "Klantnummer SE";

    /// <summary>Free explanation with the answer.</summary>
    public const string Toelichting = "Toelichting";

    /// <summary>The creditor's handler: name.</summary>
    public const string ContactNaam = "Contactpersoon naam";

    /// <summary>The creditor's handler: telephone number.</summary>
    public const string ContactTelefoon = "Contactpersoon telefoon";

    /// <summary>The creditor's handler: e-mail address.</summary>
    public const string ContactEmail = "Contactpersoon e-mail";

    /// <summary>IBAN for payments under the settlement.</summary>
    public const string Iban = "IBAN";

    /// <summary>Name on the account.</summary>
    public const string Tenaamstelling = "Tenaamstelling";

    /// <summary>Payment reference to put on transfers.</summary>
    public const string Betaalreferentie = "Betaalreferentie";

    /// <summary>The column the errors sheet adds: the problems of that row. Ignored on import.</summary>
    public const string Fout = "Fout";
}
