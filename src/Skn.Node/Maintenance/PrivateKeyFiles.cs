namespace Skn.Node.Maintenance;

/// <summary>
/// Recognises files that hold private key material, which a backup leaves out unless asked: PEM
/// files with a PRIVATE KEY block (PKCS#8, RSA, EC, encrypted), and PKCS#12 and .key files, whatever
/// their names. Decided by content, not by the development set's "-key.pem" naming, so a key the
/// operator put in the data folder under any name stays out too.
/// </summary>
internal static class PrivateKeyFiles
{
    private static readonly string[] KeyExtensions = [".pfx", ".p12", ".key"];

    public static bool IsPrivateKey(string path)
    {
        if (KeyExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        // PEM headers sit at the start of a line; a key file is small, so reading it whole is cheap,
        // and a large file (the database) is not PEM at all.
        var info = new FileInfo(path);
        if (info.Length > 1024 * 1024)
        {
            return false;
        }

        var text = File.ReadAllText(path);
        return text.Contains("PRIVATE KEY-----", StringComparison.Ordinal);
    }
}
