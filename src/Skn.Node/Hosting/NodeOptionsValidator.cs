using System.Net;
using Microsoft.Extensions.Options;

namespace Skn.Node.Hosting;

/// <summary>Checks the configuration at start, naming each wrong setting and why, so a typo stops the node instead of misbehaving later.</summary>
internal sealed class NodeOptionsValidator : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        var failures = new List<string>();
        void Require(bool condition, string setting, string why)
        {
            if (!condition)
            {
                failures.Add($"Skn:{setting} {why}");
            }
        }

        Require(!string.IsNullOrWhiteSpace(options.DataDirectory), nameof(options.DataDirectory), "is required.");
        Require(IPAddress.TryParse(options.ListenAddress, out _), nameof(options.ListenAddress), $"'{options.ListenAddress}' is not an IP address.");
        Require(options.Port is >= 0 and <= 65535, nameof(options.Port), $"{options.Port} is not a TCP port (0-65535).");
        Require(options.MaxSealedContentBytes is >= 1024 and <= 64 * 1024 * 1024, nameof(options.MaxSealedContentBytes), "must be between 1 KiB and 64 MiB.");
        Require(options.MaxDatabasePages is null or >= 64, nameof(options.MaxDatabasePages), "must be at least 64 pages (256 KiB), or left out for no bound.");
        Require(options.MaxFailedDeliveries is >= 0 and <= 1000, nameof(options.MaxFailedDeliveries), "must be between 1 and 1000, or 0 to never set a bericht aside.");
        Require(options.LeaseDuration >= TimeSpan.FromSeconds(1) && options.LeaseDuration <= TimeSpan.FromHours(24), nameof(options.LeaseDuration), "must be between 1 second and 24 hours.");
        Require(options.ExpiryWorkingDays is >= 1 and <= 60, nameof(options.ExpiryWorkingDays), "must be between 1 and 60 working days.");
        Require(options.TrailRetention >= TimeSpan.FromDays(1), nameof(options.TrailRetention), "must be at least one day.");
        Require(options.DefaultMaxInFlight >= 1, nameof(options.DefaultMaxInFlight), "must be at least 1.");
        Require(options.MaxInFlightCap >= options.DefaultMaxInFlight, nameof(options.MaxInFlightCap), "must be at least DefaultMaxInFlight.");
        Require(options.DefaultHeartbeatInterval >= TimeSpan.FromSeconds(1) && options.DefaultHeartbeatInterval <= TimeSpan.FromSeconds(60), nameof(options.DefaultHeartbeatInterval), "must be between 1 and 60 seconds.");
        Require(options.KeepAlivePingDelay >= TimeSpan.FromSeconds(1) && options.KeepAlivePingDelay <= TimeSpan.FromHours(1), nameof(options.KeepAlivePingDelay), "must be between 1 second and 1 hour.");
        Require(options.KeepAlivePingTimeout >= TimeSpan.FromSeconds(1) && options.KeepAlivePingTimeout <= TimeSpan.FromMinutes(10), nameof(options.KeepAlivePingTimeout), "must be between 1 second and 10 minutes.");
        Require(options.IdleConnectionTimeout >= TimeSpan.FromSeconds(1) && options.IdleConnectionTimeout <= TimeSpan.FromDays(1), nameof(options.IdleConnectionTimeout), "must be between 1 second and 1 day.");
        Require(options.ExpiryBatchSize is >= 1 and <= 100_000, nameof(options.ExpiryBatchSize), "must be between 1 and 100000.");
        Require(options.ExpirySweepInterval >= TimeSpan.FromSeconds(1), nameof(options.ExpirySweepInterval), "must be at least one second.");
        Require(options.Limits.MaxStreams >= 1, "Limits:MaxStreams", "must be at least 1.");
        Require(options.Limits.MaxPendingEnvelopes >= 1, "Limits:MaxPendingEnvelopes", "must be at least 1.");
        Require(options.Limits.MaxPendingBytes >= options.MaxSealedContentBytes, "Limits:MaxPendingBytes", "must be at least MaxSealedContentBytes, or no bericht of the largest size could ever be sent.");
        Require(options.Limits.RequestsPerSecond >= 1, "Limits:RequestsPerSecond", "must be at least 1.");
        Require(options.Limits.RequestBurst >= 1, "Limits:RequestBurst", "must be at least 1.");
        if (!options.DevelopmentSetup && !options.BenchmarkPlaintext)
        {
            Require(File.Exists(options.ResolvedServerCertificatePath), nameof(options.ServerCertificatePath), $"'{options.ResolvedServerCertificatePath}' does not exist.");
            Require(File.Exists(options.ResolvedServerKeyPath), nameof(options.ServerKeyPath), $"'{options.ResolvedServerKeyPath}' does not exist.");
            Require(File.Exists(options.ResolvedTrustedCaPath), nameof(options.TrustedCaPath), $"'{options.ResolvedTrustedCaPath}' does not exist.");
            Require(File.Exists(options.ResolvedRegistryPath), nameof(options.RegistryPath), $"'{options.ResolvedRegistryPath}' does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
