using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Skn.Node.Telemetry;

namespace Skn.Integration.Tests.Telemetry;

/// <summary>Real HTTP GETs on a node's metrics port, and a reader for the Prometheus text it answers.</summary>
internal sealed class Scrape(string text)
{
    public string Text => text;

    public static Uri Address(TestNode node, string path) =>
        new($"http://127.0.0.1:{node.Services.GetRequiredService<MetricsEndpoint>().Port}{path}");

    public static async Task<Scrape> GetAsync(TestNode node)
    {
        using var client = new HttpClient { Timeout = Demo.Timeout };
        return new Scrape(await client.GetStringAsync(Address(node, "/metrics")));
    }

    public static async Task<int> StatusAsync(TestNode node, string path)
    {
        using var client = new HttpClient { Timeout = Demo.Timeout };
        using var response = await client.GetAsync(Address(node, path));
        return (int)response.StatusCode;
    }

    /// <summary>
    /// The sum of a series' samples whose labels include every given pair; 0 when none is there
    /// (a counter not yet incremented has no series).
    /// </summary>
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length
                || line[name.Length] is not ('{' or ' '))
            {
                continue;
            }

            if (labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                // "name{labels} value [timestamp]": the value follows the label set.
                var afterLabels = line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : name.Length)..].Trim();
                sum += double.Parse(afterLabels.Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }
}
