using Google.Protobuf;
using DemoBerichten = Skn.TestUtilities.Berichten;

namespace Skn.Cli.Tests.Support;

/// <summary>
/// Berichten as a user would write them for 'skn send': the contract's JSON mapping, made with
/// Google.Protobuf's JsonFormatter from the realistic dossier all end-to-end tests share.
/// </summary>
internal static class BerichtFiles
{
    public const string KlantnummerShv = "SHV-2026-0042";

    /// <summary>A SaldoverzoekAntwoord as a JSON file in the runner's working directory.</summary>
    public static string SaldoverzoekAntwoordFile(this CliRunner cli) =>
        cli.WriteFile($"antwoord-{Guid.NewGuid():N}.json", JsonFormatter.Default.Format(DemoBerichten.SaldoverzoekAntwoord()));

    /// <summary>A Saldoverzoek (two claims; without BSN unless asked) as a JSON file in the runner's working directory.</summary>
    public static string SaldoverzoekFile(this CliRunner cli, bool withBsn = false) =>
        cli.WriteFile($"saldoverzoek-{Guid.NewGuid():N}.json", JsonFormatter.Default.Format(DemoBerichten.Saldoverzoek(withBsn, withMeterstanden: false)));
}
