using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates;
using Skn.Cli.Errors;
using Skn.Sdk;

namespace Skn.Cli.Profiles;

/// <summary>Builds the SDK client of a profile, checking each file first so a problem names the file, not a stack frame.</summary>
internal static class ProfileClient
{
    /// <summary>Creates the client; no connection is made yet.</summary>
    /// <exception cref="UsageException">A file of the profile is missing or unreadable, or the profile's address is wrong.</exception>
    public static SknClient Create(string profileName, Profile profile, CliEnvironment environment)
    {
        if (!Uri.TryCreate(profile.Node, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttps)
        {
            throw new UsageException($"profile '{profileName}': node address '{profile.Node}' is not an https:// address");
        }

        var certificate = Read(profileName, "certificate", profile.Certificate, () => PemFiles.LoadCertificate(profile.Certificate, RequireFile(profileName, "key", profile.Key)));
        var anchors = Read(profileName, "CA", profile.Ca, () => PemFiles.LoadCertificates(profile.Ca));
        var options = new SknClientOptions
        {
            Address = address,
            Certificate = certificate,
            TimeProvider = environment.TimeProvider,
        };
        options.TrustAnchors.AddRange(anchors);
        environment.ConfigureClient?.Invoke(options);
        try
        {
            return new SknClient(options);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"profile '{profileName}': {ex.Message}", ex);
        }
    }

    private static T Read<T>(string profileName, string what, string path, Func<T> load)
    {
        RequireFile(profileName, what, path);
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The certificate loader already names its files; otherwise name the file here.
            throw new UsageException(
                ex.Message.Contains(path, StringComparison.Ordinal)
                    ? $"profile '{profileName}': {ex.Message}"
                    : $"profile '{profileName}': cannot read {what} file {path}: {ex.Message}",
                ex);
        }
    }

    private static string RequireFile(string profileName, string what, string path) =>
        File.Exists(path)
            ? path
            : throw new UsageException($"profile '{profileName}': {what} file {path} does not exist");
}
