using System.Text.Json.Nodes;
using Grpc.Core;
using Skn.Integration.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Integration.Tests;

/// <summary>The operator edits the registry file; the node picks it up without a restart.</summary>
public sealed class RegistryTests
{
    [Fact]
    public async Task RegistryFile_ParticipantSuspended_RefusedAndStreamClosedWithoutRestart()
    {
        // Arrange: the Woonstichting has an open follow stream.
        await using var node = await TestNode.StartAsync(settings: new() { ["Skn:WatchRegistry"] = "true" });
        var client = node.Exchange(Demo.Woonstichting);
        using var call = client.FetchPending(new FetchPendingRequest { Follow = true }, Demo.Call);
        await Eventually.TrueAsync(() => node.Store.LeaseQueries >= 1);

        // Act: the operator suspends it in the registry file.
        var path = Path.Combine(node.DataDirectory, "participants.json");
        var registry = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        var entry = registry["participants"]!.AsArray().Single(p => (string?)p!["oin"] == Demo.Woonstichting)!;
        entry["state"] = "SUSPENDED";
        await File.WriteAllTextAsync(path, registry.ToJsonString());

        // Assert: new calls are refused and the open stream ends.
        await Eventually.ValueAsync(
            async () =>
            {
                try
                {
                    await client.ListTrailAsync(new ListTrailRequest(), Demo.Call);
                    return StatusCode.OK;
                }
                catch (RpcException ex)
                {
                    return ex.StatusCode;
                }
            },
            code => code == StatusCode.PermissionDenied);
        var streamEnd = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext().WaitAsync(Demo.Timeout))
            {
            }
        });
        Assert.Equal(StatusCode.PermissionDenied, streamEnd.StatusCode);
    }

    [Fact]
    public async Task RegistryFile_BrokenEdit_KeepsLastGoodRegistry()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var path = Path.Combine(node.DataDirectory, "participants.json");
        var registry = node.Services.GetService(typeof(Skn.Node.Registry.ParticipantRegistry)) as Skn.Node.Registry.ParticipantRegistry;

        // Act
        await File.WriteAllTextAsync(path, "{ \"participants\": [ { \"oin\": \"123\" } ] }");
        var reloaded = registry!.Reload();

        // Assert
        Assert.False(reloaded);
        var response = await node.Directory(Demo.Gemeente).ListParticipantsAsync(new ListParticipantsRequest(), Demo.Call);
        Assert.Equal(6, response.Participants.Count);
    }
}
