using Grpc.Core;
using Grpc.Core.Interceptors;
using Skn.Node.Auth;
using Skn.Node.Transport.Errors;
using Skn.V1;

namespace Skn.Node.Limits;

/// <summary>
/// Refuses a participant's call when its request budget is spent. Runs after
/// <see cref="ParticipantAuthInterceptor"/>, so the budget is the authenticated caller's own.
/// </summary>
internal sealed class RateLimitInterceptor(RequestRateLimiter limiter) : Interceptor
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
        var caller = context.GetCaller();
        if (!limiter.TryAcquire(caller.Oin, out var retryAfter))
        {
            var wait = retryAfter is { } after ? $" Try again in {Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))} s." : "";
            RpcErrors.Throw(
                StatusCode.ResourceExhausted,
                ErrorReason.LimitReached,
                $"Participant {caller.Oin} made more calls than its limit allows (Skn:Limits:RequestsPerSecond, RequestBurst).{wait}");
        }
    }
}
