using Grpc.Core;
using Grpc.Core.Interceptors;
using Skn.Node.Auth;
using Skn.Node.Logging;

namespace Skn.Node.Operator;

/// <summary>
/// Records every OperatorService call in the audit log, accepted or refused, after it ran and
/// before it is answered. Registered before <see cref="OperatorAuthInterceptor"/>, so that a call
/// refused for its certificate is on record too.
/// </summary>
internal sealed class OperatorAuditInterceptor(OperatorAuditLog auditLog, TimeProvider time, ILogger<OperatorAuditInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            var response = await continuation(request, context).ConfigureAwait(false);
            await RecordAsync(request, context, "OK", "").ConfigureAwait(false);
            return response;
        }
        catch (RpcException ex)
        {
            await RecordAsync(request, context, ex.StatusCode.ToString(), ex.Status.Detail).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failure the exception interceptor turns into Internal (a full disk under the
            // registry, say): on record as such, without the details that stay in the node's log.
            await RecordAsync(request, context, nameof(StatusCode.Internal), ex.GetType().Name).ConfigureAwait(false);
            throw;
        }
    }

    private async Task RecordAsync(object request, ServerCallContext context, string outcome, string message)
    {
        var action = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        var (participantOin, details) = OperatorAuditDescription.Describe(request);
        var caller = OperatorAuthInterceptor.FindOperator(context);
        var subject = context.GetHttpContext().Connection.ClientCertificate?.Subject ?? "";
        var record = new OperatorAuditRecord(time.GetUtcNow(), caller?.Oin ?? "", subject, action, participantOin, details, outcome, message);

        // Not the call's token: a caller that hangs up must not keep its action off the record.
        await auditLog.AppendAsync(record, CancellationToken.None).ConfigureAwait(false);
        NodeLog.OperatorAction(logger, action, caller?.Oin ?? "(refused)", participantOin, outcome);
    }
}
