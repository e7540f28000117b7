using Google.Protobuf;

namespace Skn.Cli.ListWork;

/// <summary>
/// A request waiting for this creditor's answer, as the command fetched and opened it: the envelope
/// facts staff need to find the dossier plus the opened bericht (a <c>Saldoverzoek</c>, a
/// <c>Betaalvoorstel</c> or a <c>Heroverweging</c>).
/// </summary>
internal sealed record PendingRequest(
    string MessageId,
    string SenderOin,
    string SenderName,
    string ConversationId,
    DateTimeOffset SendTime,
    DateOnly? ReplyDueDate,
    IMessage Bericht);

/// <summary>What the command knows about a request id read back from a sheet.</summary>
internal enum RequestStatus
{
    /// <summary>Still waiting for an answer: the sheet's answer is sent.</summary>
    Pending,

    /// <summary>Already answered (an earlier import of the same sheet): the rows are skipped.</summary>
    Answered,

    /// <summary>Not a request of this creditor (mistyped, or from another export): the rows are refused.</summary>
    Unknown,
}

/// <summary>
/// One problem found in an imported sheet, named the way a person finds it in Excel: the row number
/// as Excel shows it (the header is row 1) and the column header. <see cref="Column"/> is empty when
/// the problem concerns the whole row or the whole file.
/// </summary>
internal sealed record SheetProblem(int Row, string Column, string Message);

/// <summary>One answer built from the rows (<see cref="Rows"/>, Excel numbering) of one request.</summary>
internal sealed record SheetAnswer(PendingRequest Request, IMessage Answer, IReadOnlyList<int> Rows);

/// <summary>
/// The outcome of reading a filled-in sheet: the answers to send, the request ids skipped because they
/// were already answered, every problem found, and the rows refused (written to the errors sheet).
/// </summary>
internal sealed record SheetReadResult(
    IReadOnlyList<SheetAnswer> Answers,
    IReadOnlyList<string> Skipped,
    IReadOnlyList<SheetProblem> Problems,
    IReadOnlyList<int> RefusedRows);
