using System.Net;
using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Skn.Certificates;
using Skn.Domain.Calendar;
using Skn.Domain.Storage;
using Skn.Node.Auth;
using Skn.Node.Delivery;
using Skn.Node.Exchange;
using Skn.Node.Expiry;
using Skn.Node.Limits;
using Skn.Node.Logging;
using Skn.Node.Operator;
using Skn.Node.Registry;
using Skn.Node.Telemetry;
using Skn.Node.Transport;
using Skn.Node.Transport.Binding;
using Skn.Node.Transport.Interceptors;
using Skn.Store.Sqlite;

namespace Skn.Node.Hosting;

/// <summary>Wires the node into an ASP.NET Core host: <c>builder.AddSknNode(); app.MapSknNode();</c>.</summary>
public static class NodeHostingExtensions
{
    /// <summary>
    /// Reads and checks the "Skn" configuration, prepares the embedded default (data folder,
    /// development certificates, demo registry) when enabled, and configures Kestrel and services.
    /// </summary>
    /// <exception cref="OptionsValidationException">The configuration is invalid; the message names each setting.</exception>
    public static WebApplicationBuilder AddSknNode(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(NodeOptions.SectionName);
        var nodeOptions = section.Get<NodeOptions>() ?? new NodeOptions();
        var validation = new NodeOptionsValidator().Validate(null, nodeOptions);
        if (validation.Failed)
        {
            throw new OptionsValidationException(NodeOptions.SectionName, typeof(NodeOptions), validation.Failures);
        }

        builder.Services.Configure<NodeOptions>(section);
        builder.Services.AddSingleton<IValidateOptions<NodeOptions>, NodeOptionsValidator>();
        builder.Services.AddOptions<NodeOptions>().ValidateOnStart();
        builder.AddSknOperations(nodeOptions);

        if (nodeOptions.DevelopmentSetup)
        {
            DevelopmentSetup.Ensure(nodeOptions);
        }

        ConfigureKestrel(builder, nodeOptions);

        builder.Services.TryAddSingleton(nodeOptions.BenchmarkClockOffset == TimeSpan.Zero
            ? TimeProvider.System
            : new OffsetTimeProvider(nodeOptions.BenchmarkClockOffset));
        builder.Services.AddSingleton(new WorkingDayCalendar(nodeOptions.CalendarOptions));
        builder.Services.AddSingleton<ParticipantRegistry>();
        builder.Services.AddSingleton<ParticipantAuthenticator>();
        builder.Services.AddSingleton<MailboxHub>();
        builder.Services.AddSingleton<RequestRateLimiter>();
        builder.Services.AddSingleton<StreamCounter>();
        builder.Services.AddSingleton<SendHandler>();
        builder.Services.TryAddSingleton<IMessageStore>(sp => OpenStore(sp, nodeOptions));
        builder.Services.AddSingleton<ExpirySweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpirySweeper>());

        builder.Services
            .AddGrpc(grpc =>
            {
                grpc.Interceptors.Add<ExceptionInterceptor>();

                // Room for the largest sealed content plus the envelope around it; anything larger is
                // refused by gRPC itself with ResourceExhausted before it is read into memory.
                grpc.MaxReceiveMessageSize = nodeOptions.MaxSealedContentBytes + (64 * 1024);
                grpc.MaxSendMessageSize = nodeOptions.MaxSealedContentBytes + (64 * 1024);
            })
            .AddServiceOptions<ExchangeGrpcService>(o =>
            {
                o.Interceptors.Add<ParticipantAuthInterceptor>();
                o.Interceptors.Add<RateLimitInterceptor>();
            })
            .AddServiceOptions<DirectoryGrpcService>(o =>
            {
                o.Interceptors.Add<ParticipantAuthInterceptor>();
                o.Interceptors.Add<RateLimitInterceptor>();
            })
            .AddSknOperator();
        builder.Services.AddContractReflection();
        builder.Services.AddGrpcHealthChecks(health =>
        {
            // Answer from the checks themselves, not a cache refreshed every few seconds, so a node
            // that just started (or just lost its store) says so at once.
            health.UseHealthChecksCache = false;
        });
        builder.AddSknTelemetry(nodeOptions);

        // grpc-dotnet answers a request it cannot parse with Unknown, before any interceptor runs;
        // this binder makes it InvalidArgument (see GuardedServiceMethodProvider). Last, because
        // every AddGrpc* call above registers grpc-dotnet's own binder again.
        builder.Services.RemoveAll(typeof(IServiceMethodProvider<>));
        builder.Services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>));
        return builder;
    }

    /// <summary>The store settings that follow from the node's; public so that tests open their store the same way.</summary>
    public static SqliteStoreOptions StoreOptions(NodeOptions nodeOptions) =>
        new(nodeOptions.ResolvedDatabasePath)
        {
            MaxPageCount = nodeOptions.MaxDatabasePages,
            // A full node reports ready again only when a bericht of the largest size fits.
            ResumeRoomBytes = nodeOptions.MaxSealedContentBytes,
            MaxFailedDeliveries = nodeOptions.MaxFailedDeliveries == 0 ? null : nodeOptions.MaxFailedDeliveries,
            MaxPendingEnvelopesPerSender = nodeOptions.Limits.MaxPendingEnvelopes,
            MaxPendingBytesPerSender = nodeOptions.Limits.MaxPendingBytes,
        };

    private static SqliteMessageStore OpenStore(IServiceProvider services, NodeOptions nodeOptions)
    {
        try
        {
            return SqliteMessageStore.OpenAsync(
                    StoreOptions(nodeOptions),
                    services.GetRequiredService<ILogger<SqliteMessageStore>>(),
                    services.GetService<System.Diagnostics.Metrics.IMeterFactory>())
                .GetAwaiter().GetResult();
        }
        catch (InvalidOperationException exception)
        {
            // The store explains what is wrong with the file (foreign, newer schema, not WAL-capable).
            throw new NodeStartupException(exception.Message, exception);
        }
    }

    /// <summary>Maps the node's gRPC services: exchange, directory, health and reflection.</summary>
    public static WebApplication MapSknNode(this WebApplication app)
    {
        app.MapGrpcService<ExchangeGrpcService>();
        app.MapGrpcService<DirectoryGrpcService>();
        app.MapSknOperator();
        app.MapGrpcHealthChecksService();
        // Serves grpc.reflection.v1 and v1alpha (Grpc.AspNetCore.Server.Reflection 2.85 maps both),
        // so old and new stock tools work; tests/interop checks both.
        app.MapGrpcReflectionService();
        app.MapSknTelemetry();

        var registry = app.Services.GetRequiredService<ParticipantRegistry>();
        var hub = app.Services.GetRequiredService<MailboxHub>();
        var previous = registry.Participants;
        registry.Changed += participants =>
        {
            // A suspension or a withdrawn certificate takes effect on open streams too, not only on
            // the next call. (Raised under the registry's reload lock, so one change at a time.)
            foreach (var oin in AccessWithdrawal.Between(previous, participants))
            {
                hub.Disconnect(oin);
            }

            previous = participants;
        };

        var store = app.Services.GetRequiredService<IMessageStore>();

        // Before the first call is served: leases of the previous run have no stream any more.
        store.ReleaseAllLeasesAsync(CancellationToken.None).GetAwaiter().GetResult();
        app.Lifetime.ApplicationStarted.Register(() => LogStart(app));
        app.Lifetime.ApplicationStopped.Register(() => store.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return app;
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, NodeOptions nodeOptions)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            ConnectionLiveness.Apply(kestrel.Limits, nodeOptions);
            kestrel.Listen(IPAddress.Parse(nodeOptions.ListenAddress), nodeOptions.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (nodeOptions.BenchmarkPlaintext)
                {
                    return;
                }

                var serverCertificate = PemFiles.LoadCertificate(nodeOptions.ResolvedServerCertificatePath, nodeOptions.ResolvedServerKeyPath);
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = serverCertificate;

                    // Health and reflection work without a certificate; the exchange and directory
                    // refuse such calls with Unauthenticated. The chain, validity and registry checks
                    // happen per call in ParticipantAuthenticator, where a refusal can say why.
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.ClientCertificateValidation = (_, _, _) => true;
                });
            });
        });
    }

    private static void LogStart(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<NodeOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Skn.Node");
        NodeLog.Listening(logger, string.Join(", ", app.Urls), options.BenchmarkPlaintext ? "h2c, no TLS: benchmark only" : "HTTP/2 over mutual TLS", Path.GetFullPath(options.DataDirectory));

        EffectiveConfiguration.Log(logger, options, app.Configuration.GetSection(NodeOptions.SectionName));
    }
}
