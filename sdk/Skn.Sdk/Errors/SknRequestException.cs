using Grpc.Core;
using Skn.V1;

namespace Skn.Sdk;

/// <summary>
/// The node refused or could not complete a call. <see cref="StatusCode"/> and <see cref="Reason"/>
/// say what kind of failure it was; <see cref="FieldViolations"/> name each wrong field when the node
/// gave them.
/// </summary>
public sealed class SknRequestException : SknException
{
    /// <summary>Creates the exception from the node's answer.</summary>
    public SknRequestException(StatusCode statusCode, ErrorReason reason, string message, IReadOnlyList<SknFieldViolation> fieldViolations, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Reason = reason;
        FieldViolations = fieldViolations;
    }

    /// <summary>The gRPC status code of the failed call.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The node's machine-readable reason; <see cref="ErrorReason.Unspecified"/> when it gave none.</summary>
    public ErrorReason Reason { get; }

    /// <summary>The fields the node named, empty when the failure is not about a field.</summary>
    public IReadOnlyList<SknFieldViolation> FieldViolations { get; }

    /// <summary>True for failures that a later retry may not meet (the node was unreachable or busy).</summary>
    public bool IsTransient => StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted;
}
