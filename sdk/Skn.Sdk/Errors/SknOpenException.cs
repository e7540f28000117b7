namespace Skn.Sdk;

/// <summary>
/// A received sealed bericht could not be opened and trusted. The SDK never acknowledges such a
/// message: it stays on the node (and in the trail) for investigation until it expires. Catch the
/// subclasses to tell the causes apart.
/// </summary>
public abstract class SknOpenException : SknException
{
    /// <summary>Creates the exception for the envelope with id <paramref name="messageId"/>.</summary>
    protected SknOpenException(string messageId, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        MessageId = messageId;
    }

    /// <summary>The id of the envelope whose content was refused.</summary>
    public string MessageId { get; }
}

/// <summary>
/// The sealed content is damaged or altered: it is not a CMS document, cannot be decrypted with our
/// key, uses an algorithm we do not accept, or its signature does not verify.
/// </summary>
public sealed class SknContentTamperedException : SknOpenException
{
    /// <summary>Creates the exception.</summary>
    public SknContentTamperedException(string messageId, string message, Exception? innerException = null)
        : base(messageId, message, innerException)
    {
    }
}

/// <summary>
/// The content is validly signed by someone other than the envelope's sender: the signing certificate
/// is not among the sender's certificates in the directory.
/// </summary>
public sealed class SknSignerMismatchException : SknOpenException
{
    /// <summary>Creates the exception.</summary>
    public SknSignerMismatchException(string messageId, string message, string? signerSubject)
        : base(messageId, message)
    {
        SignerSubject = signerSubject;
    }

    /// <summary>The subject of the certificate that signed the content, when it was included.</summary>
    public string? SignerSubject { get; }
}

/// <summary>
/// The signed header inside the content does not match the envelope it arrived in: a sealed body
/// replayed under another envelope (another id, type, sender, recipient or dossier).
/// </summary>
public sealed class SknHeaderMismatchException : SknOpenException
{
    /// <summary>Creates the exception with each mismatching field.</summary>
    public SknHeaderMismatchException(string messageId, IReadOnlyList<SknFieldViolation> mismatches)
        : base(messageId, $"The signed header of {messageId} does not match its envelope: {string.Join("; ", mismatches)}")
    {
        Mismatches = mismatches;
    }

    /// <summary>The header fields that differ from the envelope.</summary>
    public IReadOnlyList<SknFieldViolation> Mismatches { get; }
}
