using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;
using Skn.Certificates;
using Skn.Node.Auth;
using Skn.Node.Hosting;
using Skn.Node.Limits;
using Skn.Node.Transport;

namespace Skn.Node.Operator;

/// <summary>Wires the operator service: <c>builder.AddSknOperator(); app.MapSknOperator();</c>.</summary>
internal static class OperatorHostingExtensions
{
    public static IGrpcServerBuilder AddSknOperator(this IGrpcServerBuilder grpc)
    {
        var services = grpc.Services;
        services.AddSingleton<OperatorAuditLog>();
        services.AddSingleton<RegistryEditor>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NodeOptions>>().Value;

            // A plaintext benchmark node has no CA; registering certificates is refused there, as
            // no certificate can be checked against nothing.
            var anchors = File.Exists(options.ResolvedTrustedCaPath)
                ? PemFiles.LoadCertificates(options.ResolvedTrustedCaPath)
                : [];
            return new ParticipantChanges(
                sp.GetRequiredService<Registry.ParticipantRegistry>(),
                anchors.Count == 0 ? null : new CertificateTrust(anchors, sp.GetRequiredService<TimeProvider>()));
        });

        // The audit interceptor first, so calls the authentication refuses are on record too.
        return grpc.AddServiceOptions<OperatorGrpcService>(o =>
        {
            o.Interceptors.Add<OperatorAuditInterceptor>();
            o.Interceptors.Add<OperatorAuthInterceptor>();
            o.Interceptors.Add<RateLimitInterceptor>();
        });
    }

    public static WebApplication MapSknOperator(this WebApplication app)
    {
        app.MapGrpcService<OperatorGrpcService>();
        return app;
    }
}
