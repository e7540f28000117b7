using Grpc.Core;
using Skn.Node.Transport.Errors;
using Skn.V1;

namespace Skn.Node.Transport.Binding;

/// <summary>Wraps a method's request deserializer so that bytes that are not a valid message become InvalidArgument.</summary>
internal static class GuardedMarshaller
{
    public static Method<TRequest, TResponse> Guard<TRequest, TResponse>(Method<TRequest, TResponse> method)
    {
        var inner = method.RequestMarshaller;
        var requestName = typeof(TRequest).Name;
        var guarded = Marshallers.Create<TRequest>(
            inner.ContextualSerializer,
            context =>
            {
                try
                {
                    return inner.ContextualDeserializer(context);
                }
                catch (Exception exception) when (exception is not RpcException and not OperationCanceledException)
                {
                    // The parser's own words (truncated message, invalid tag, recursion limit, invalid
                    // UTF-8) say what is wrong; nothing of the request has been acted on.
                    throw RpcErrors.Create(
                        StatusCode.InvalidArgument,
                        ErrorReason.InvalidField,
                        $"The request is not a valid {requestName}: {exception.Message}");
                }
            });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, guarded, method.ResponseMarshaller);
    }
}
