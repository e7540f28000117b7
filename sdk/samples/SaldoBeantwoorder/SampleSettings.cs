using Skn.Sdk;

namespace SaldoBeantwoorder;

/// <summary>The sample's few settings, with defaults that fit the node started by the README's run command.</summary>
internal sealed record SampleSettings(string Command, Uri Node, string CertificatesDirectory, string SeOin, string ShvOin, bool Once, TimeSpan Wait)
{
    public static SampleSettings Parse(string[] args)
    {
        string Option(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        return new SampleSettings(
            args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "",
            new Uri(Option("--node", "https://127.0.0.1:5443")),
            Option("--certs", DefaultCertificatesDirectory()),
            Option("--se", "00000099000000000201"),
            Option("--shv", "00000099000000000101"),
            args.Contains("--once"),
            TimeSpan.FromSeconds(int.Parse(Option("--wait", "60"), System.Globalization.CultureInfo.InvariantCulture)));
    }

    public SknClientOptions ClientOptions(string oin)
    {
        var options = new SknClientOptions { Address = Node }
            .UseCertificateFromPemFiles(
                Path.Combine(CertificatesDirectory, "participants", oin + ".pem"),
                Path.Combine(CertificatesDirectory, "participants", oin + "-key.pem"))
            .AddTrustAnchorsFromPemFile(Path.Combine(CertificatesDirectory, "ca.pem"));
        return options;
    }

    /// <summary>The node's data folder when run from the repository root or from this folder.</summary>
    private static string DefaultCertificatesDirectory()
    {
        foreach (var candidate in new[] { "src/Skn.Node/data/certs", "../../../src/Skn.Node/data/certs" })
        {
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return "src/Skn.Node/data/certs";
    }
}
