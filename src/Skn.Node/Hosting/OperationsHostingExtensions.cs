using Skn.Node.Maintenance;

namespace Skn.Node.Hosting;

/// <summary>
/// What running the node for real adds to the host: one node per data folder (a held lock file)
/// and systemd integration.
/// </summary>
public static class OperationsHostingExtensions
{
    /// <summary>
    /// Takes the data folder's lock before anything touches the folder, and hooks the host into
    /// systemd when it runs as a systemd service (a no-op anywhere else).
    /// </summary>
    /// <exception cref="NodeStartupException">Another node or a restore holds the data folder.</exception>
    public static WebApplicationBuilder AddSknOperations(this WebApplicationBuilder builder, NodeOptions nodeOptions)
    {
        DataFolderLock folderLock;
        try
        {
            folderLock = DataFolderLock.Acquire(nodeOptions.DataDirectory, "node");
        }
        catch (DataFolderInUseException exception)
        {
            throw new NodeStartupException(exception.Message, exception);
        }

        // Created by the container (a factory), so the container releases it when the host is
        // disposed; the holder makes sure it is resolved. A process that dies releases it anyway.
        builder.Services.AddSingleton(_ => folderLock);
        builder.Services.AddHostedService<DataFolderLockHolder>();

        // Type=notify: systemd learns when the node is ready and stopping; log levels go to journald.
        builder.Host.UseSystemd();
        return builder;
    }

    /// <summary>Holds the data folder's lock for the host's life.</summary>
    private sealed class DataFolderLockHolder(DataFolderLock held) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(held);
            return Task.CompletedTask;
        }
    }
}
