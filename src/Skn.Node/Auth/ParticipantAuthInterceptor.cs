using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Skn.Node.Auth;

/// <summary>
/// Authenticates every call of the services it is registered on (the exchange and the directory)
/// before the service method runs. Health and reflection are registered without it.
/// </summary>
internal sealed class ParticipantAuthInterceptor(ParticipantAuthenticator authenticator) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        context.SetCaller(authenticator.Authenticate(context));
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        context.SetCaller(authenticator.Authenticate(context));
        return continuation(request, responseStream, context);
    }
}
