namespace Skn.Certificates.Tests.Support;

/// <summary>Test OINs (prefix 00000099) and names used across the tests.</summary>
internal static class TestParticipants
{
    public const string GemeenteOin = "00000099000000000001";
    public const string GemeenteName = "Gemeente Testdorp";

    public const string CreditorOin = "00000099000000000002";
    public const string CreditorName = "Incassobureau Voorbeeld B.V.";

    public static (string Oin, string Name)[] Both =>
        [(GemeenteOin, GemeenteName), (CreditorOin, CreditorName)];
}
