namespace Skn.Cli;

/// <summary>The process exit codes; scripts branch on them, so they are part of the tool's contract.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The node or the content rules refused, or received content could not be trusted.</summary>
    public const int Refused = 1;

    /// <summary>Bad arguments or configuration: unknown option or bericht, missing profile, unreadable file.</summary>
    public const int Usage = 2;

    /// <summary>The node could not be reached (after the SDK's retries).</summary>
    public const int Unreachable = 3;
}
