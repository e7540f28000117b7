using System.Text;
using System.Text.Json;
using Grpc.Core;
using Skn.Node.Logging;
using Skn.Node.Registry;
using Skn.Node.Transport.Errors;
using Skn.Shared;
using Skn.V1;

namespace Skn.Node.Operator;

/// <summary>
/// Applies the operator's changes to the registry file: reads it, changes it, checks the result with
/// the same loader the node starts with, writes it to a temporary file that is flushed to disk and
/// renamed over the registry (so a reader or a crash sees the old file or the new one, never half),
/// flushes the folder so the rename itself survives a power cut, and reloads the registry before
/// returning, so the change is in effect when the call answers.
/// A refused change leaves the file exactly as it was.
/// </summary>
internal sealed class RegistryEditor(ParticipantRegistry registry, ILogger<RegistryEditor> logger) : IDisposable
{
    /// <summary>Certificates the operator registers are kept here, beside the registry file.</summary>
    public const string CertificateFolder = "certs/registered";

    // One edit at a time, so two operators' changes never read the same old file.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Changes the registry file with <paramref name="edit"/>, which gets the file as it is and a
    /// function that stores a certificate and returns its path for the file.
    /// </summary>
    public async Task<RegisteredParticipant> EditAsync(
        string operatorOin, string action, string participantOin,
        Func<RegistryFile, Func<byte[], string>, RegistryFile> edit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var written = new List<string>();
        var path = registry.FilePath;
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            RegistryFile current;
            await using (var stream = File.OpenRead(path))
            {
                current = await JsonSerializer.DeserializeAsync<RegistryFile>(stream, RegistryFile.JsonOptions, cancellationToken).ConfigureAwait(false)
                    ?? new RegistryFile();
            }

            var changed = edit(current, der => StoreCertificate(folder, participantOin, der, written));
            await WriteDurablyAsync(temp, JsonSerializer.Serialize(changed, RegistryFile.JsonOptions), cancellationToken).ConfigureAwait(false);
            try
            {
                // The check the node itself makes at start and on reload, on the new file before it
                // replaces the old one.
                RegistryLoader.Load(temp);
            }
            catch (RegistryException ex)
            {
                RpcErrors.ThrowInvalid([("participant", ex.Message.Replace(temp, "the changed registry", StringComparison.Ordinal))]);
            }

            File.Move(temp, path, overwrite: true);
            written.Clear();

            // Without this a power cut soon after the answer can bring back the old registry: the
            // new file's bytes were flushed, but not the folder entry that now names it.
            IOException? unflushed = null;
            try
            {
                DirectoryFlush.Flush(folder);
            }
            catch (IOException ex)
            {
                unflushed = ex;
            }

            if (!registry.Reload())
            {
                RpcErrors.Throw(StatusCode.Internal, ErrorReason.Unspecified,
                    "The registry file was written but could not be loaded again; see the node's log.");
            }

            NodeLog.RegistryRewritten(logger, operatorOin, action, participantOin);
            if (unflushed is not null)
            {
                // In effect now, but perhaps not after a power cut: the operator must know to check.
                RpcErrors.Throw(StatusCode.Internal, ErrorReason.Unspecified,
                    $"The registry change is in effect, but its folder could not be flushed to disk, so a power cut may undo it: {unflushed.Message}");
            }

            return registry.Find(participantOin)
                ?? throw RpcErrors.Create(StatusCode.Internal, ErrorReason.Unspecified, $"Participant {participantOin} is missing after the change.");
        }
        finally
        {
            TryDelete(temp);

            // Certificates stored for a change that did not happen are taken away again.
            foreach (var file in written)
            {
                TryDelete(file);
            }

            _gate.Release();
        }
    }

    /// <summary>Writes a certificate PEM named by OIN and thumbprint; returns its path relative to the registry folder.</summary>
    private static string StoreCertificate(string folder, string oin, byte[] der, List<string> written)
    {
        var thumbprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der))[..16];
        var relative = Path.Combine(CertificateFolder, $"{oin}-{thumbprint}.pem");
        var full = Path.Combine(folder, relative);
        if (!File.Exists(full))
        {
            var certificates = Path.GetDirectoryName(full)!;
            var created = !Directory.Exists(certificates);
            Directory.CreateDirectory(certificates);
            var pem = new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", der)) + "\n";
            using (var stream = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(new UTF8Encoding(false).GetBytes(pem));
                stream.Flush(flushToDisk: true);
            }

            written.Add(full);

            // The registry about to name this file must not outlive it in a power cut: its bytes, its
            // name and, when the folders are new, theirs are on disk before the registry is renamed.
            DirectoryFlush.Flush(certificates);
            if (created)
            {
                DirectoryFlush.Flush(Path.GetDirectoryName(certificates)!);
                DirectoryFlush.Flush(folder);
            }
        }

        return relative;
    }

    private static async Task WriteDurablyAsync(string path, string contents, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None });
        await stream.WriteAsync(new UTF8Encoding(false).GetBytes(contents), cancellationToken).ConfigureAwait(false);
        stream.Flush(flushToDisk: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    public void Dispose() => _gate.Dispose();
}
