using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Skn.V1;

namespace Skn.Sdk.Transport;

/// <summary>
/// Runs unary calls with a deadline per attempt, retries transient failures with exponential backoff
/// and jitter, and turns the node's errors into <see cref="SknRequestException"/> with the reason and
/// field violations it sent.
/// </summary>
internal sealed class RpcInvoker(SknClientOptions options, ILogger logger)
{
    private static readonly Google.Protobuf.Reflection.EnumDescriptor ErrorReasonDescriptor = ErrorReasonReflection.Descriptor.EnumTypes[0];

    public async Task<TResponse> CallAsync<TResponse>(string name, CallKind kind, Func<CallOptions, AsyncUnaryCall<TResponse>> call, CancellationToken cancellationToken)
    {
        var retry = options.Retry;
        var backoff = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var deadline = DateTime.UtcNow + options.RequestTimeout;
                return await call(new CallOptions(deadline: deadline, cancellationToken: cancellationToken));
            }
            catch (RpcException ex) when (attempt < retry.MaxAttempts && IsRetryable(ex, kind) && !cancellationToken.IsCancellationRequested)
            {
                backoff = NextBackoff(backoff);
                var wait = Jitter(backoff);
                SdkLog.Retrying(logger, name, ex.StatusCode, attempt, wait);
                // Real time, not the options' clock: a frozen test clock must not freeze retries.
                await Task.Delay(wait, cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (RpcException ex)
            {
                throw ToSknException(ex);
            }
        }
    }

    /// <summary>The backoff wait for the next attempt of a stream that broke off.</summary>
    public TimeSpan NextBackoff(TimeSpan previous) =>
        previous <= TimeSpan.Zero
            ? options.Retry.InitialBackoff
            : TimeSpan.FromTicks(Math.Min(options.Retry.MaxBackoff.Ticks, (long)(previous.Ticks * options.Retry.BackoffMultiplier)));

    public static TimeSpan Jitter(TimeSpan wait) => wait * (0.5 + (Random.Shared.NextDouble() / 2));

    public static bool IsRetryable(RpcException exception, CallKind kind) => exception.StatusCode switch
    {
        StatusCode.Unavailable => true,
        StatusCode.DeadlineExceeded => kind == CallKind.Idempotent,
        _ => false,
    };

    public static SknRequestException ToSknException(RpcException exception)
    {
        var status = exception.GetRpcStatus();
        var reason = ErrorReason.Unspecified;
        var info = status?.GetDetail<ErrorInfo>();
        if (info is not null && ErrorReasonDescriptor.FindValueByName(info.Reason) is { } value)
        {
            reason = (ErrorReason)value.Number;
        }

        var violations = status?.GetDetail<BadRequest>()?.FieldViolations
            .Select(v => new SknFieldViolation(v.Field, v.Description))
            .ToList() ?? [];
        var message = string.IsNullOrEmpty(exception.Status.Detail)
            ? $"The node answered {exception.StatusCode}."
            : exception.Status.Detail;
        return new SknRequestException(exception.StatusCode, reason, message, violations, exception);
    }
}
