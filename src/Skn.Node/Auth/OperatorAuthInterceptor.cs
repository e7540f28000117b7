using Grpc.Core;
using Grpc.Core.Interceptors;
using Skn.Node.Registry;

namespace Skn.Node.Auth;

/// <summary>
/// Authenticates every call of OperatorService before the method runs: only a certificate the
/// registry lists under "operators" gets in; a participant's is refused with PermissionDenied.
/// </summary>
internal sealed class OperatorAuthInterceptor(ParticipantAuthenticator authenticator) : Interceptor
{
    private const string Key = "skn.operator";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        context.UserState[Key] = authenticator.AuthenticateOperator(context);
        return continuation(request, context);
    }

    /// <summary>The calling operator, or null when the call was refused before it was known.</summary>
    public static RegisteredOperator? FindOperator(ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var value) ? value as RegisteredOperator : null;
}
