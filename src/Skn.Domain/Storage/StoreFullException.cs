namespace Skn.Domain.Storage;

/// <summary>The storage has no room for more envelopes. Reading, acknowledging and expiring still work, so the node can drain.</summary>
public sealed class StoreFullException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreFullException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
