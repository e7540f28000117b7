namespace Skn.Domain.Storage;

/// <summary>Whether the store can commit now: what health checks report.</summary>
/// <param name="CanCommit">True when the store's last commit (or a probe write) succeeded and a new envelope fits.</param>
/// <param name="Description">Why, in a sentence for the operator.</param>
/// <param name="Failure">The error behind a false answer, when there is one.</param>
public sealed record WriteCheck(bool CanCommit, string Description, Exception? Failure = null);
