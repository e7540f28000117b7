using Grpc.Core;
using Skn.Node.Registry;

namespace Skn.Node.Auth;

/// <summary>Where the authenticated participant travels with a call.</summary>
internal static class CallerContext
{
    private const string Key = "skn.caller";

    public static void SetCaller(this ServerCallContext context, RegisteredParticipant participant) =>
        context.UserState[Key] = participant;

    /// <summary>The calling participant. Only services behind <see cref="ParticipantAuthInterceptor"/> may ask.</summary>
    public static RegisteredParticipant GetCaller(this ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var value) && value is RegisteredParticipant participant
            ? participant
            : throw new InvalidOperationException("The call was not authenticated; is the service registered with ParticipantAuthInterceptor?");
}
