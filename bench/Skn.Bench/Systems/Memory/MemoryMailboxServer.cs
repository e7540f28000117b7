using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Skn.Bench.Systems.Memory;

/// <summary>Hosts <see cref="MemoryMailboxService"/> on Kestrel, h2c on 127.0.0.1; this program runs it as its own process.</summary>
internal static class MemoryMailboxServer
{
    public static async Task RunAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 16 * 1024 * 1024);
        builder.Services.AddSingleton<MemoryMailboxService>();
        await using var app = builder.Build();
        app.MapGrpcService<MemoryMailboxService>();
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
