namespace Skn.Sdk;

/// <summary>The base of every exception the SDK throws on purpose; catch it to handle all of them.</summary>
public class SknException : Exception
{
    /// <summary>Creates the exception with a message that says what went wrong.</summary>
    public SknException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public SknException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
