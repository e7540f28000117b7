using Microsoft.Extensions.Diagnostics.HealthChecks;
using Skn.Node.Registry;

namespace Skn.Node.Health;

/// <summary>Ready only with a registry that names participants: without one, every call would be refused.</summary>
internal sealed class RegistryHealthCheck(ParticipantRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(registry.Participants.Count > 0
            ? HealthCheckResult.Healthy($"The registry holds {registry.Participants.Count} participants.")
            : HealthCheckResult.Unhealthy("The registry holds no participants."));
}
