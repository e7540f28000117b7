using Google.Rpc;
using Grpc.Core;
using Skn.V1;

namespace Skn.Integration.Tests.Infrastructure;

/// <summary>Asserts on the node's rich errors: status code, ErrorInfo reason and the violated field.</summary>
public static class RpcAssert
{
    public static async Task<RpcException> ThrowsAsync(StatusCode code, ErrorReason reason, Func<Task> call, string? field = null)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, exception.StatusCode);
        var status = exception.GetRpcStatus();
        Assert.NotNull(status);
        var info = status!.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal("skn", info!.Domain);
        Assert.Equal(ErrorReasonReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("ErrorReason").FindValueByNumber((int)reason).Name, info.Reason);
        if (field is not null)
        {
            var badRequest = status.GetDetail<BadRequest>();
            Assert.NotNull(badRequest);
            Assert.Contains(badRequest!.FieldViolations, v => v.Field == field && v.Description.Length > 0);
        }

        return exception;
    }
}
