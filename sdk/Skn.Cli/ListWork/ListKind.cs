using Skn.V1;

namespace Skn.Cli.ListWork;

/// <summary>The two lists staff work through by hand, with the berichten each holds and its reader and writer.</summary>
internal sealed record ListKind(
    string Name,
    IReadOnlyList<BerichtType> RequestTypes,
    Action<Stream, IEnumerable<PendingRequest>> Write,
    Func<Stream, Func<string, (RequestStatus Status, PendingRequest? Request)>, DateOnly, SheetReadResult> Read,
    Action<Stream, Stream, SheetReadResult> WriteErrors)
{
    public static readonly ListKind Saldoverzoeken = new(
        "saldoverzoeken", [BerichtType.Saldoverzoek], SaldoverzoekSheet.Write, SaldoverzoekSheet.Read, SaldoverzoekSheet.WriteErrors);

    public static readonly ListKind Betaalvoorstellen = new(
        "betaalvoorstellen", [BerichtType.Betaalvoorstel, BerichtType.Heroverweging], BetaalvoorstelSheet.Write, BetaalvoorstelSheet.Read, BetaalvoorstelSheet.WriteErrors);

    public static ListKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "saldoverzoeken" or "saldoverzoek" => Saldoverzoeken,
        "betaalvoorstellen" or "betaalvoorstel" => Betaalvoorstellen,
        _ => throw new Errors.UsageException($"--kind must be saldoverzoeken or betaalvoorstellen, not '{name}'"),
    };
}
