using Google.Rpc;
using Grpc.Core;

namespace Skn.Cli.Errors;

/// <summary>
/// Reports an error of a call the CLI made on the generated client itself (the operator's
/// commands), in the same words as the SDK's errors: status, reason, and the fields at fault.
/// </summary>
internal static class RpcErrorReport
{
    public static ErrorReport Describe(RpcException exception, string? nodeAddress)
    {
        if (exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return new(ExitCodes.Unreachable, $"the node at {nodeAddress ?? "(unknown address)"} could not be reached ({exception.StatusCode}): {exception.Status.Detail}", []);
        }

        var status = exception.GetRpcStatus();
        var reason = status?.GetDetail<ErrorInfo>()?.Reason;
        var fields = status?.GetDetail<BadRequest>()?.FieldViolations.Select(v => $"{v.Field}: {v.Description}").ToList() ?? [];
        var message = string.Join(' ', exception.Status.Detail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new(ExitCodes.Refused, $"the node refused ({exception.StatusCode}{(reason is null ? "" : ", " + reason)}): {message}", fields);
    }
}
