using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace Skn.Node.Transport.Binding;

/// <summary>
/// Binds every gRPC service as grpc-dotnet's own binder does (through the generated static
/// <c>BindService</c> named by <see cref="BindServiceMethodAttribute"/>), with one difference: a
/// request whose bytes are not a valid message is answered with InvalidArgument instead of Unknown.
/// </summary>
/// <remarks>
/// grpc-dotnet parses the request before any interceptor runs and reports a parse failure (truncated
/// or garbled protobuf, groups nested past the recursion limit, invalid UTF-8) as an unhandled
/// exception: status Unknown, "Exception was thrown by handler". Bad input is the caller's fault and
/// must say so; see <see cref="GuardedMarshaller"/>. Registered in place of grpc-dotnet's binder in
/// <see cref="Hosting.NodeHostingExtensions"/>.
/// </remarks>
internal sealed class GuardedServiceMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var bind = FindBindMethod(typeof(TService));
        if (bind is null)
        {
            return;
        }

        // The generated BindService only reads the method descriptors; the instance is resolved per call.
        bind.Invoke(null, [new Binder(context), null]);
    }

    private static MethodInfo? FindBindMethod(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            var attribute = type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false);
            if (attribute is null)
            {
                continue;
            }

            return attribute.BindType
                .GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .FirstOrDefault(m => m.Name == attribute.BindMethodName
                    && m.GetParameters() is [var binder, var service]
                    && binder.ParameterType == typeof(ServiceBinderBase)
                    && service.ParameterType.IsAssignableFrom(serviceType));
        }

        return null;
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Create<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(GuardedMarshaller.Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Create<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(GuardedMarshaller.Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Create<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(GuardedMarshaller.Guard(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Create<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(GuardedMarshaller.Guard(method), metadata, invoker);
        }

        /// <summary>An open-instance delegate to the service's method, and its metadata as grpc-dotnet collects it.</summary>
        private static (TDelegate Invoker, List<object> Metadata) Create<TDelegate>(string name, params Type[] parameters)
            where TDelegate : Delegate
        {
            var method = typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters)
                ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();

            // Type metadata first, method metadata last (higher priority), and POST only, as grpc-dotnet does.
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(method.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return (method.CreateDelegate<TDelegate>(), metadata);
        }
    }
}
