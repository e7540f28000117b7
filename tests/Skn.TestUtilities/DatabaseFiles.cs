namespace Skn.TestUtilities;

/// <summary>Reads the node's SQLite files as raw bytes, to prove content is really gone.</summary>
public static class DatabaseFiles
{
    public static void AssertNotContained(string databasePath, byte[] marker)
    {
        foreach (var path in new[] { databasePath, databasePath + "-wal" }.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(path);
            Assert.True(bytes.AsSpan().IndexOf(marker) < 0, $"{Path.GetFileName(path)} still holds the content.");
        }
    }

    public static bool Contains(string databasePath, byte[] marker) =>
        new[] { databasePath, databasePath + "-wal" }.Where(File.Exists).Any(p => File.ReadAllBytes(p).AsSpan().IndexOf(marker) >= 0);
}
