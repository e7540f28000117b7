using Grpc.Core;
using Grpc.Core.Interceptors;
using Skn.Node.Auth;
using Skn.Node.Telemetry;
using Skn.Node.Transport.Errors;
using Skn.V1;

namespace Skn.Node.Limits;

/// <summary>
/// Refuses a call when its caller's request budget is spent. Runs after
/// <see cref="ParticipantAuthInterceptor"/> or <see cref="OperatorAuthInterceptor"/>, so the budget
/// is the authenticated caller's own: each participant's, and the operator's too (an operator
/// certificate that floods the node, by a script gone wrong or a thief, must not starve the exchange).
/// Each refusal is counted in <c>skn.calls.rate_limited</c> by method, so a dashboard shows a
/// participant's software hitting its budget before its staff call the helpdesk.
/// </summary>
internal sealed class RateLimitInterceptor(RequestRateLimiter limiter, NodeMetrics metrics) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, responseStream, context);
    }

    private void Admit(ServerCallContext context)
    {
        var operatorEntry = OperatorAuthInterceptor.FindOperator(context);
        var oin = operatorEntry?.Oin ?? context.GetCaller().Oin;
        if (!limiter.TryAcquire(oin, out var retryAfter))
        {
            metrics.RateLimited(context.Method);
            var wait = retryAfter is { } after ? $" Try again in {Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))} s." : "";
            RpcErrors.Throw(
                StatusCode.ResourceExhausted,
                ErrorReason.LimitReached,
                $"{(operatorEntry is null ? "Participant" : "Operator")} {oin} made more calls than its limit allows (Skn:Limits:RequestsPerSecond, RequestBurst).{wait}");
        }
    }
}
