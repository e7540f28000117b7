using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skn.Certificates;
using Skn.Cli.Errors;

namespace Skn.Cli.Commands;

/// <summary>
/// <c>skn certs dev</c>: a development certificate for a new participant, issued by the development
/// CA, and the participants.json entry the node operator adds. Development only: the CA's key lies
/// unencrypted next to its certificate.
/// </summary>
internal static class CertsCommand
{
    /// <summary>Where the node keeps its development CA, relative to the repository root.</summary>
    private static readonly string DefaultCaDirectory = Path.Combine("src", "Skn.Node", "data", "certs");

    /// <summary>Creates <c>certs</c> with its subcommand <c>dev</c>.</summary>
    public static Command Create(CliContext context)
    {
        var oin = new Option<string>("--oin") { Description = "The participant's OIN (20 digits).", Required = true };
        var name = new Option<string>("--name") { Description = "The organisation's name (certificate CN and O).", Required = true };
        var role = new Option<string>("--role") { Description = "SHV or SE, for the participants.json entry (default SE).", DefaultValueFactory = _ => "SE" };
        role.AcceptOnlyFromAmong("SHV", "SE");
        var ca = new Option<string?>("--ca") { Description = $"Folder with ca.pem and ca-key.pem (default {DefaultCaDirectory} when it exists)." };
        var output = new Option<string?>("--out") { Description = "Folder for <oin>.pem and <oin>-key.pem (default <ca>/participants, where the node's own are)." };

        var dev = new Command("dev", "Create a development certificate for a new participant and print its participants.json entry.")
        {
            oin, name, role, ca, output,
        };
        dev.SetAction(parseResult =>
        {
            var environment = context.Environment;
            var participantOin = parseResult.GetRequiredValue(oin);
            if (!ParticipantIdentity.IsValidOin(participantOin))
            {
                throw new UsageException($"--oin: '{participantOin}' is not an OIN (20 digits)");
            }

            var caDirectory = CaDirectory(environment, parseResult.GetValue(ca));
            var outDirectory = environment.FullPath(parseResult.GetValue(output) ?? Path.Combine(caDirectory, "participants"));
            var certificatePath = Path.Combine(outDirectory, participantOin + ".pem");
            var keyPath = Path.Combine(outDirectory, participantOin + "-key.pem");

            using (var authority = LoadAuthority(caDirectory))
            using (var certificate = authority.IssueParticipantCertificate(participantOin, parseResult.GetRequiredValue(name)))
            {
                PemFiles.WriteCertificate(certificate, certificatePath, keyPath);
            }

            environment.Output.WriteLine($"certificate: {certificatePath}");
            environment.Output.WriteLine($"private key: {keyPath}");
            environment.Output.WriteLine("add to the node's participants.json (under \"participants\"):");
            environment.Output.WriteLine(Snippet(participantOin, parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(role), RegistryPath(caDirectory, certificatePath)));
            return ExitCodes.Ok;
        });

        var certs = new Command("certs", "Certificates for development.");
        certs.Subcommands.Add(dev);
        return certs;
    }

    private static string CaDirectory(CliEnvironment environment, string? given)
    {
        if (given is not null)
        {
            return environment.FullPath(given);
        }

        var fallback = environment.FullPath(DefaultCaDirectory);
        return Directory.Exists(fallback)
            ? fallback
            : throw new UsageException($"no development CA: {fallback} does not exist; pass --ca <folder with ca.pem and ca-key.pem>");
    }

    /// <summary>Loads an existing CA only: creating one in a mistyped folder would issue certificates no node trusts.</summary>
    private static DevelopmentCertificateAuthority LoadAuthority(string caDirectory)
    {
        foreach (var file in new[] { DevelopmentCertificateAuthority.CertificateFileName, DevelopmentCertificateAuthority.PrivateKeyFileName })
        {
            var path = Path.Combine(caDirectory, file);
            if (!File.Exists(path))
            {
                throw new UsageException($"development CA file {path} does not exist");
            }
        }

        try
        {
            return DevelopmentCertificateAuthority.LoadOrCreate(caDirectory);
        }
        catch (InvalidOperationException ex)
        {
            throw new UsageException($"cannot use the development CA in {caDirectory}: {ex.Message}", ex);
        }
    }

    /// <summary>The registry resolves certificate files relative to its own folder, the CA folder's parent on a node.</summary>
    private static string RegistryPath(string caDirectory, string certificatePath)
    {
        var registryFolder = Path.GetDirectoryName(caDirectory.TrimEnd(Path.DirectorySeparatorChar)) ?? caDirectory;
        var relative = Path.GetRelativePath(registryFolder, certificatePath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? certificatePath : relative.Replace('\\', '/');
    }

    private static string Snippet(string oin, string name, string role, string certificateFile)
    {
        var entry = new JsonObject
        {
            ["oin"] = oin,
            ["name"] = name,
            ["role"] = role,
            ["attributes"] = new JsonArray(),
            ["state"] = "ACTIVE",
            ["certificates"] = new JsonArray(new JsonObject { ["file"] = certificateFile, ["uses"] = new JsonArray() }),
        };
        return entry.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
