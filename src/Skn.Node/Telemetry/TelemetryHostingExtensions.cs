using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Skn.Node.Health;
using Skn.Node.Hosting;
using Skn.Node.Logging;
using Skn.Store.Sqlite;

namespace Skn.Node.Telemetry;

/// <summary>
/// Metrics, traces and health for operators: <c>builder.AddSknTelemetry(nodeOptions)</c> and
/// <c>app.MapSknTelemetry()</c>. The instruments always exist (cheap while nobody listens); the
/// Prometheus endpoint (Skn:Metrics:Port) and OTLP export (Skn:Otlp:Endpoint) are switched on by
/// configuration. See docs/metrics.md.
/// </summary>
internal static class TelemetryHostingExtensions
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddSknTelemetry(this WebApplicationBuilder builder, NodeOptions nodeOptions)
    {
        Validate(nodeOptions);
        builder.Services.AddSingleton<NodeMetrics>();
        builder.Services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: [ReadyTag])
            .AddCheck<RegistryHealthCheck>("registry", tags: [ReadyTag]);

        var scrape = nodeOptions.Metrics.Port is not null;
        var otlp = nodeOptions.Otlp.Endpoint.Length > 0 ? new Uri(nodeOptions.Otlp.Endpoint) : null;
        if (!scrape && otlp is null)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("skn-node"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(NodeMetrics.MeterName, SqliteMessageStore.TelemetryName);

                // A MeterProvider hears every meter of a listed name in the process; several nodes in
                // one process (the tests) would add up. Only this host's meters count.
                ((IDeferredMeterProviderBuilder)metrics).Configure((services, configured) =>
                {
                    var own = services.GetRequiredService<IMeterFactory>();
                    configured.AddView(instrument => ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
                });
                if (scrape)
                {
                    // A scrape is a few hundred lines from in-memory aggregates: no need to cache it.
                    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => exporter.Endpoint = otlp);
                }
            });
        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(NodeTracing.SourceName, SqliteMessageStore.TelemetryName)
                .AddOtlpExporter(exporter => exporter.Endpoint = otlp));
        }

        if (scrape)
        {
            var endpoint = new MetricsEndpoint();
            builder.Services.AddSingleton(endpoint);
            builder.WebHost.ConfigureKestrel(kestrel =>
                kestrel.Listen(IPAddress.Parse(nodeOptions.ListenAddress), nodeOptions.Metrics.Port!.Value, listen =>
                {
                    // Prometheus and load balancers speak HTTP/1.1 without TLS.
                    listen.Protocols = HttpProtocols.Http1;
                    endpoint.Bind(listen);
                }));
        }

        return builder;
    }

    /// <summary>Serves /metrics, /healthz/live and /healthz/ready on the metrics port, and nothing else there.</summary>
    public static WebApplication MapSknTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<NodeOptions>>().Value;
        if (options.Otlp.Endpoint.Length > 0)
        {
            NodeLog.OtlpExport(app.Logger, options.Otlp.Endpoint);
        }

        if (app.Services.GetService<MetricsEndpoint>() is not { } endpoint)
        {
            return app;
        }

        app.MapWhen(endpoint.Serves, branch =>
        {
            branch.UseOpenTelemetryPrometheusScrapingEndpoint(
                meterProvider: null,
                predicate: context => context.Request.Path == "/metrics",
                path: null,
                configureBranchedPipeline: null,
                optionsName: null);

            // Live: the process answers HTTP. Ready: the store commits and the registry is loaded.
            branch.UseHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
            branch.UseHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
            branch.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        app.Lifetime.ApplicationStarted.Register(() => NodeLog.MetricsListening(app.Logger, options.ListenAddress, endpoint.Port));
        return app;
    }

    internal static void Validate(NodeOptions options)
    {
        var problems = new List<string>();
        if (options.Metrics.Port is { } port && (port is < 0 or > 65535 || (port != 0 && port == options.Port)))
        {
            problems.Add($"Skn:Metrics:Port must be a TCP port (0 to 65535) other than Skn:Port; it is {port}.");
        }

        if (options.Otlp.Endpoint.Length > 0
            && !(Uri.TryCreate(options.Otlp.Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            problems.Add($"Skn:Otlp:Endpoint must be an absolute http or https address, such as http://localhost:4317; it is '{options.Otlp.Endpoint}'.");
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(NodeOptions.SectionName, typeof(NodeOptions), problems);
        }
    }
}
