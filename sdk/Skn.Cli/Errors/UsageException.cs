namespace Skn.Cli.Errors;

/// <summary>
/// The user asked for something the tool cannot do as given: a wrong argument, a missing profile, an
/// unreadable file. Its message is the whole error line, so it names the file, field or option and why.
/// </summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with the line to show.</summary>
    public UsageException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
