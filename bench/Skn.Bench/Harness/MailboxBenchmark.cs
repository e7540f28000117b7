using Skn.Bench.Systems.Skn;
using Skn.Bench.Workload;

namespace Skn.Bench.Harness;

/// <summary>
/// Runs the mailbox workload for every configuration and system, one after the other, each system
/// on a fresh data folder and stopped before the next starts, so they never compete for the machine.
/// </summary>
internal sealed class MailboxBenchmark(string workDirectory, TextWriter progress)
{
    public async Task<MailboxReport> RunAsync(
        IReadOnlyList<string> systems, IReadOnlyList<MailboxWorkloadSettings> configurations, CancellationToken cancellationToken)
    {
        var repository = RepositoryRoot.Find();
        var tools = Path.Combine(workDirectory, "tools");
        Directory.CreateDirectory(tools);
        var maxProducers = configurations.Max(c => c.Producers);
        var mailboxes = configurations.Max(c => c.Mailboxes);
        using var participants = BenchParticipants.Ensure(Path.Combine(tools, "certs"), Math.Max(maxProducers, 8), mailboxes);

        var results = new List<WorkloadResult>();
        var descriptions = new Dictionary<string, SystemDescription>();
        foreach (var configuration in configurations)
        {
            foreach (var name in systems)
            {
                var data = Path.Combine(workDirectory, $"{name}-{configuration.Producers}x{configuration.Consumers}");
                if (Directory.Exists(data))
                {
                    Directory.Delete(data, recursive: true);
                }

                Directory.CreateDirectory(data);
                progress.WriteLine($"{configuration.Label} {name}: starting");
                WorkloadResult result;
                await using (var system = SystemCatalog.Create(name, participants))
                {
                    try
                    {
                        descriptions[name] = await system.StartAsync(new BenchEnvironment(data, configuration.Mailboxes, repository, tools), cancellationToken);
                        result = await new MailboxWorkload(configuration).RunAsync(system, cancellationToken);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        result = Failed(name, configuration, exception.Message);
                    }
                }

                Directory.Delete(data, recursive: true);
                results.Add(result);
                progress.WriteLine(result.Failure is null
                    ? $"{configuration.Label} {name}: {result.MessagesPerSecond:N0} msg/s, send p50/p99 {result.SendP50Ms:0.00}/{result.SendP99Ms:0.00} ms, delivery p50/p99 {result.DeliveryP50Ms:0.00}/{result.DeliveryP99Ms:0.00} ms, peak RSS {result.PeakRssMegabytes:0} MB, CPU ms/msg server {result.ServerCpuMsPerMessage:0.000} client {result.ClientCpuMsPerMessage:0.000}, disk {result.ServerWrittenKbPerMessage:0.0} KiB/msg, lost {result.Lost}, repeated {result.Repeated}"
                    : $"{configuration.Label} {name}: FAILED: {result.Failure}");
            }
        }

        return new MailboxReport(results, descriptions);
    }

    private static WorkloadResult Failed(string name, MailboxWorkloadSettings configuration, string why) => new()
    {
        System = name,
        Configuration = configuration.Label,
        Messages = configuration.Messages,
        MessagesPerSecond = 0,
        SendP50Ms = double.NaN,
        SendP99Ms = double.NaN,
        DeliveryP50Ms = double.NaN,
        DeliveryP99Ms = double.NaN,
        PeakRssBytes = 0,
        Lost = configuration.Messages,
        Repeated = 0,
        Failure = why,
    };
}

/// <summary>All results of a mailbox run and what each system is.</summary>
internal sealed record MailboxReport(IReadOnlyList<WorkloadResult> Results, IReadOnlyDictionary<string, SystemDescription> Systems);
