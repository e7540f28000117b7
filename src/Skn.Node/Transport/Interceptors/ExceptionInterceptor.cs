using Grpc.Core;
using Grpc.Core.Interceptors;
using Skn.Domain.Storage;
using Skn.Node.Logging;
using Skn.Node.Transport.Errors;
using Skn.V1;

namespace Skn.Node.Transport.Interceptors;

/// <summary>
/// The last line of defence: known failures become their status (a full store is ResourceExhausted,
/// a shutdown is Unavailable), anything unexpected is logged and answered with Internal without
/// leaking details. No input may crash the node.
/// </summary>
internal sealed class ExceptionInterceptor(ILogger<ExceptionInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (Map(ex, context) is { } mapped)
        {
            throw mapped;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (Map(ex, context) is { } mapped)
        {
            throw mapped;
        }
    }

    private RpcException? Map(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case RpcException:
                return null;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "The call was cancelled."));
            case StoreFullException full:
                NodeLog.StoreFull(logger, full.Message);
                return RpcErrors.Create(StatusCode.ResourceExhausted, ErrorReason.StorageFull, full.Message);
            case ObjectDisposedException or OperationCanceledException:
                return RpcErrors.Create(StatusCode.Unavailable, ErrorReason.ShuttingDown, "The node is shutting down; retry shortly.");
            default:
                NodeLog.UnhandledError(logger, context.Method, exception);
                return RpcErrors.Create(StatusCode.Internal, ErrorReason.Unspecified, "The node failed to handle the call; it was logged.");
        }
    }
}
