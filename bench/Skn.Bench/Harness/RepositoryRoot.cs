namespace Skn.Bench.Harness;

/// <summary>Finds the repository root (the folder with Skn.Grpc.sln) from the current folder or the program's.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Skn.Grpc.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the Skn repository (no Skn.Grpc.sln found above this folder).");
    }
}
