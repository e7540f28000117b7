using Grpc.AspNetCore.Server;
using Grpc.Reflection;
using Skn.V1;

namespace Skn.Node.Hosting;

/// <summary>
/// Server reflection, v1 and v1alpha, for the node's services and for the content document too.
/// The stock registration (<c>AddGrpcReflection</c>) serves only the files its services need, and the
/// berichten travel sealed inside <see cref="Content"/>, which no RPC names: a stock client could not
/// describe a Saldoverzoek nor read its <c>(skn.v1.bericht)</c> rules from a running node, as
/// rules.proto promises. Registered after the stock services, these are the instances that
/// <c>MapGrpcReflectionService</c> resolves.
/// </summary>
internal static class ContractReflection
{
    // Every file a client may ask for; each brings its imports (descriptor.proto for the rules
    // option, the well-known types). A mapped service whose file is missing here cannot be
    // described; tests/interop/test_reflection.py describes every service the node lists.
    private static readonly SymbolRegistry Symbols = SymbolRegistry.FromFiles(
    [
        ExchangeServiceReflection.Descriptor,
        DirectoryServiceReflection.Descriptor,
        OperatorServiceReflection.Descriptor,
        ContentReflection.Descriptor,
        Grpc.Health.V1.HealthReflection.Descriptor,
        Grpc.Reflection.V1.ReflectionReflection.Descriptor,
        Grpc.Reflection.V1Alpha.ReflectionReflection.Descriptor,
    ]);

    public static IServiceCollection AddContractReflection(this IServiceCollection services)
    {
        services.AddGrpcReflection();
        services.AddSingleton(sp => new ReflectionServiceImpl(MappedServices(sp), Symbols));
        services.AddSingleton(sp => new ReflectionV1ServiceImpl(MappedServices(sp), Symbols));
        return services;
    }

    /// <summary>The services the node maps, as the stock registration lists them: from the gRPC endpoints.</summary>
    private static List<string> MappedServices(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>())
            .OfType<GrpcMethodMetadata>()
            .Select(metadata => metadata.Method.ServiceName)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
