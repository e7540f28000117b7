using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Skn.Sdk;

/// <summary>Registers <see cref="SknClient"/> with dependency injection.</summary>
public static class SknServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="SknClient"/> (a singleton, disposed with the container) configured by
    /// <paramref name="configure"/>. The container's logger factory is used unless the options name one.
    /// </summary>
    /// <example>
    /// <code>
    /// services.AddSknClient(o => o
    ///     .UseCertificateFromPemFiles("me.pem", "me-key.pem")
    ///     .AddTrustAnchorsFromPemFile("ca.pem")
    ///     .Address = new Uri("https://127.0.0.1:5443"));
    /// </code>
    /// </example>
    public static IServiceCollection AddSknClient(this IServiceCollection services, Action<SknClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SknClientOptions>().Configure(configure);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SknClientOptions>>().Value;
            options.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            return new SknClient(options);
        });
        return services;
    }
}
