namespace Skn.Bench.Harness;

/// <summary>What every system gets to start with: a fresh data folder, the mailbox count and the repository.</summary>
/// <param name="DataDirectory">An empty folder for this system's server data, removed after the run.</param>
/// <param name="Mailboxes">How many recipient mailboxes the workload uses (50).</param>
/// <param name="RepositoryRoot">The repository's root, where the node's project is.</param>
/// <param name="ToolsDirectory">Built tools shared between systems (the node's build, this program's path).</param>
public sealed record BenchEnvironment(string DataDirectory, int Mailboxes, string RepositoryRoot, string ToolsDirectory)
{
    /// <summary>The mailbox's name used by the brokers (queue, stream, subject).</summary>
    public static string MailboxName(int mailbox) => $"mailbox-{mailbox:D2}";
}
