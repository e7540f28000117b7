using System.Diagnostics.CodeAnalysis;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Skn.V1;

namespace Skn.Node.Transport.Errors;

/// <summary>
/// Builds the node's errors: a canonical status code with <c>google.rpc.ErrorInfo</c> (reason from
/// <see cref="ErrorReason"/>, domain "skn") and, for bad input, <c>google.rpc.BadRequest</c> field
/// violations, so that tools and the SDK can tell exactly which field is wrong and why.
/// </summary>
internal static class RpcErrors
{
    public const string Domain = "skn";

    private static readonly Google.Protobuf.Reflection.EnumDescriptor ErrorReasonDescriptor =
        ErrorReasonReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("ErrorReason");

    public static RpcException Create(StatusCode code, ErrorReason reason, string message, IEnumerable<(string Field, string Description)>? violations = null)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = ReasonName(reason), Domain = Domain }) },
        };
        var list = violations?.ToList();
        if (list is { Count: > 0 })
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(list.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }

        return status.ToRpcException();
    }

    [DoesNotReturn]
    public static void Throw(StatusCode code, ErrorReason reason, string message, params (string Field, string Description)[] violations) =>
        throw Create(code, reason, message, violations);

    [DoesNotReturn]
    public static void ThrowInvalid(IReadOnlyList<(string Field, string Description)> violations, ErrorReason reason = ErrorReason.InvalidField) =>
        throw Create(
            StatusCode.InvalidArgument,
            reason,
            violations.Count == 1 ? $"{violations[0].Field}: {violations[0].Description}" : $"{violations.Count} fields are invalid: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")),
            violations);

    /// <summary>The reason's name as in the contract, for example "ERROR_REASON_ROLE_NOT_ALLOWED".</summary>
    public static string ReasonName(ErrorReason reason) =>
        ErrorReasonDescriptor.FindValueByNumber((int)reason)?.Name ?? reason.ToString();

    /// <summary>Turns an error into a per-item <see cref="Failure"/> of a batch call.</summary>
    public static Failure ToFailure(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        var failure = new Failure { Code = (int)exception.StatusCode, Message = exception.Status.Detail };
        var info = status?.GetDetail<ErrorInfo>();
        if (info is not null && ErrorReasonDescriptor.FindValueByName(info.Reason) is { } value)
        {
            failure.Reason = (ErrorReason)value.Number;
        }

        var badRequest = status?.GetDetail<BadRequest>();
        if (badRequest is not null)
        {
            failure.FieldViolations.AddRange(badRequest.FieldViolations.Select(v => new Skn.V1.FieldViolation { Field = v.Field, Description = v.Description }));
        }

        return failure;
    }
}
