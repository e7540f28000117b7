namespace Skn.Node.Registry;

/// <summary>
/// Who loses access when the registry changes: a participant suspended now, or one that lost a
/// certificate it had (replaced because it was compromised, or withdrawn). Their open FetchPending
/// streams were authenticated once, at their start, so without this they would go on under the old
/// terms until they end by themselves. A certificate added beside the old ones (a rollover) ends
/// nothing; a participant whose certificate was replaced reconnects with the new one.
/// </summary>
internal static class AccessWithdrawal
{
    public static IEnumerable<string> Between(
        IReadOnlyDictionary<string, RegisteredParticipant> before,
        IReadOnlyDictionary<string, RegisteredParticipant> after)
    {
        foreach (var (oin, now) in after)
        {
            if (!now.IsActive)
            {
                yield return oin;
            }
            else if (before.TryGetValue(oin, out var earlier) && LostACertificate(earlier, now))
            {
                yield return oin;
            }
        }

        // A participant removed from the file altogether is unknown from now on.
        foreach (var oin in before.Keys.Where(oin => !after.ContainsKey(oin)))
        {
            yield return oin;
        }
    }

    private static bool LostACertificate(RegisteredParticipant earlier, RegisteredParticipant now) =>
        earlier.Certificates.Any(old => !now.Certificates.Any(c => c.Certificate.RawDataMemory.Span.SequenceEqual(old.Certificate.RawDataMemory.Span)));
}
