namespace Skn.Reliability.Tests.Infrastructure;

/// <summary>The folder holding Skn.Grpc.sln, found upwards from the test assembly.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Skn.Grpc.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Skn.Grpc.sln above {AppContext.BaseDirectory}.");
    }
}
