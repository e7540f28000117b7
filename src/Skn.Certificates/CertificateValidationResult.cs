namespace Skn.Certificates;

/// <summary>Outcome of <see cref="CertificateTrust.Validate"/>.</summary>
public sealed class CertificateValidationResult
{
    private CertificateValidationResult(CertificateProblem problem, string description)
    {
        Problem = problem;
        Description = description;
    }

    /// <summary>Whether the certificate is accepted.</summary>
    public bool IsValid => Problem == CertificateProblem.None;

    /// <summary>The reason it is not accepted, or <see cref="CertificateProblem.None"/>.</summary>
    public CertificateProblem Problem { get; }

    /// <summary>A human-readable explanation, suitable for log and error messages.</summary>
    public string Description { get; }

    internal static CertificateValidationResult Valid(string description) => new(CertificateProblem.None, description);

    internal static CertificateValidationResult Invalid(CertificateProblem problem, string description)
    {
        if (problem == CertificateProblem.None)
        {
            throw new ArgumentOutOfRangeException(nameof(problem), problem, "An invalid result needs a problem.");
        }

        return new(problem, description);
    }

    /// <inheritdoc />
    public override string ToString() => IsValid ? Description : $"{Problem}: {Description}";
}
