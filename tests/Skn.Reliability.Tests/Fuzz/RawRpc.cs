using Grpc.Core;
using Grpc.Net.Client;

namespace Skn.Reliability.Tests.Fuzz;

/// <summary>
/// One RPC of the node called with raw bytes: a <see cref="Method{TRequest,TResponse}"/> on the real
/// path with identity marshallers, so whatever bytes a test makes reach the node's own parser.
/// </summary>
public sealed record RawRpc(string Service, string Name, MethodType Type)
{
    private static readonly Marshaller<byte[]> Identity = Marshallers.Create(bytes => bytes, bytes => bytes);

    public static readonly RawRpc Send = new("skn.v1.ExchangeService", "Send", MethodType.Unary);
    public static readonly RawRpc BatchSend = new("skn.v1.ExchangeService", "BatchSend", MethodType.Unary);
    public static readonly RawRpc FetchPending = new("skn.v1.ExchangeService", "FetchPending", MethodType.ServerStreaming);
    public static readonly RawRpc Acknowledge = new("skn.v1.ExchangeService", "Acknowledge", MethodType.Unary);
    public static readonly RawRpc ExtendHandlingTerm = new("skn.v1.ExchangeService", "ExtendHandlingTerm", MethodType.Unary);
    public static readonly RawRpc ListTrail = new("skn.v1.ExchangeService", "ListTrail", MethodType.Unary);
    public static readonly RawRpc ReleasePoisoned = new("skn.v1.ExchangeService", "ReleasePoisoned", MethodType.Unary);
    public static readonly RawRpc ListParticipants = new("skn.v1.DirectoryService", "ListParticipants", MethodType.Unary);
    public static readonly RawRpc GetParticipant = new("skn.v1.DirectoryService", "GetParticipant", MethodType.Unary);

    /// <summary>Every RPC of ExchangeService and DirectoryService.</summary>
    public static readonly RawRpc[] All = [Send, BatchSend, FetchPending, Acknowledge, ExtendHandlingTerm, ListTrail, ReleasePoisoned, ListParticipants, GetParticipant];

    public string Path => $"/{Service}/{Name}";

    private Method<byte[], byte[]> Method => new(Type, Service, Name, Identity, Identity);

    /// <summary>
    /// Calls the RPC and returns the status it ended with (OK included), the response of a unary call, and the trailers (rich error details).
    /// A streaming call that is still open after <paramref name="streamWindow"/> is cancelled by the
    /// client and reported as <see cref="StatusCode.Cancelled"/>: a follow stream stays open by design.
    /// </summary>
    public async Task<(Status Status, byte[]? Response, Metadata Trailers)> CallAsync(GrpcChannel channel, byte[] request, TimeSpan? streamWindow = null)
    {
        var invoker = channel.CreateCallInvoker();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        try
        {
            if (Type == MethodType.Unary)
            {
                using var call = invoker.AsyncUnaryCall(Method, null, new CallOptions(deadline: deadline), request);
                var response = await call.ResponseAsync;
                return (call.GetStatus(), response, call.GetTrailers());
            }

            using var window = new CancellationTokenSource(streamWindow ?? TimeSpan.FromSeconds(1));
            using var stream = invoker.AsyncServerStreamingCall(Method, null, new CallOptions(deadline: deadline, cancellationToken: window.Token), request);
            await foreach (var _ in stream.ResponseStream.ReadAllAsync())
            {
                // Read to the end; the status is what counts.
            }

            return (stream.GetStatus(), null, stream.GetTrailers());
        }
        catch (RpcException ex)
        {
            return (ex.Status, null, ex.Trailers);
        }
    }
}
