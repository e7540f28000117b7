using System.Net;
using System.Text.Json;
using Skn.Certificates;
using Skn.Node.Registry;

namespace Skn.Node.Hosting;

/// <summary>
/// First-start setup of the embedded default: a development CA, the node's server certificate, one
/// client certificate per demo participant (PEM, usable by grpcurl and openssl) and a demo registry.
/// Never overwrites an existing registry, and reuses certificates that are still valid. Private keys
/// are created here, on the machine, and never come from the repository.
/// </summary>
internal static class DevelopmentSetup
{
    public static void Ensure(NodeOptions options)
    {
        Directory.CreateDirectory(options.DataDirectory);
        using var set = DevelopmentCertificateSet.Ensure(
            options.CertificatesDirectory,
            DemoParticipants.All.Select(p => (p.Oin, p.Name)),
            ["localhost"],
            [IPAddress.Loopback, IPAddress.IPv6Loopback]);
        var operatorCertificatePath = DevelopmentOperator.Ensure(options.CertificatesDirectory, TimeProvider.System);

        var registryPath = options.ResolvedRegistryPath;
        if (File.Exists(registryPath))
        {
            return;
        }

        var registryFolder = Path.GetDirectoryName(Path.GetFullPath(registryPath))!;
        var file = new RegistryFile
        {
            Participants = DemoParticipants.All.Select(p => new RegistryFileParticipant
            {
                Oin = p.Oin,
                Name = p.Name,
                Role = RegistryLoader.ToUpperSnake(p.Role.ToString()),
                Attributes = p.Attributes.Select(a => RegistryLoader.ToUpperSnake(a.ToString())).ToList(),
                State = RegistryLoader.ToUpperSnake(p.State.ToString()),
                Certificates =
                [
                    new RegistryFileCertificate { File = Path.GetRelativePath(registryFolder, Path.GetFullPath(set.ParticipantCertificatePath(p.Oin))) },
                ],
            }).ToList(),
            Operators =
            [
                new RegistryFileOperator
                {
                    Oin = DemoParticipants.Operator.Oin,
                    Name = DemoParticipants.Operator.Name,
                    Certificates = [new RegistryFileCertificate { File = Path.GetRelativePath(registryFolder, Path.GetFullPath(operatorCertificatePath)) }],
                },
            ],
        };
        var temp = registryPath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(file, RegistryFile.JsonOptions));
        File.Move(temp, registryPath, overwrite: true);
    }
}
