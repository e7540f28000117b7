using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Skn.Reliability.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Reliability.Tests.StorageFaults;

/// <summary>
/// Storage faults on the node as its own process: a full database refuses sends with
/// ResourceExhausted while the node drains and then takes sends again without a restart; a data
/// folder whose database is not an Skn store stops the node at start with a message that says so.
/// </summary>
public sealed class StorageFaultTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "skn-faults-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task FullDatabase_SendsResourceExhausted_FetchAndAcknowledgeDrain_ThenSendsWorkWithoutRestart()
    {
        // Arrange: a store bounded to 160 pages of 4 KiB (Skn:MaxDatabasePages).
        await using var node = await NodeProcess.StartListeningAsync(_dataDirectory, FreePort.Next(), ["--Skn:MaxDatabasePages=160"]);
        using var shv = NodeChannels.Create(node.Address, _dataDirectory, Demo.Gemeente);
        using var se = NodeChannels.Create(node.Address, _dataDirectory, Demo.Woonstichting);
        var sender = new ExchangeService.ExchangeServiceClient(shv);
        var recipient = new ExchangeService.ExchangeServiceClient(se);

        // Act 1: send 3 KiB envelopes until the store is full.
        var stored = new List<string>();
        RpcException? full = null;
        for (var i = 0; i < 1000 && full is null; i++)
        {
            try
            {
                stored.Add((await sender.SendAsync(Content3K(), Demo.Call)).Envelope.MessageId);
            }
            catch (RpcException ex)
            {
                full = ex;
            }
        }

        // Act 2: the recipient drains its mailbox.
        var acknowledged = new List<string>();
        using (var call = recipient.FetchPending(new FetchPendingRequest { MaxInFlight = 64 }, Demo.Call))
        {
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                var ack = await recipient.AcknowledgeAsync(new AcknowledgeRequest { DeliveryTokens = { response.Delivery.DeliveryToken } }, Demo.Call);
                Assert.Equal(AcknowledgeOutcome.Acknowledged, Assert.Single(ack.Results).Outcome);
                acknowledged.Add(response.Delivery.Envelope.MessageId);
            }
        }

        // Act 3: sending again, on the same process.
        var after = await sender.SendAsync(Content3K(), Demo.Call);

        // Assert
        Assert.NotNull(full);
        Assert.Equal(StatusCode.ResourceExhausted, full!.StatusCode);
        Assert.StartsWith("The node's storage is full", full.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("ERROR_REASON_STORAGE_FULL", full.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        Assert.InRange(stored.Count, 5, 999);
        Assert.Equal(stored.Order(), acknowledged.Order());
        Assert.Equal(EnvelopeState.Pending, after.Envelope.State);
        Assert.False(node.HasExited);
    }

    [Fact]
    public async Task GarbageDatabaseFile_NodeStopsAtStart_SayingItIsNotAnSknStore()
    {
        // Arrange: a database file that is no SQLite database at all.
        Directory.CreateDirectory(_dataDirectory);
        var garbage = new byte[16 * 1024];
        new Random(7).NextBytes(garbage);
        await File.WriteAllBytesAsync(Path.Combine(_dataDirectory, "skn.db"), garbage);

        // Act
        await using var node = await NodeProcess.StartAsync(_dataDirectory, FreePort.Next());
        var exitCode = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Assert: it refused to start, said why, and left the file as it was.
        Assert.NotEqual(0, exitCode);
        Assert.Contains("is not an Skn message store", node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Skn node listening on", node.Output, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(Path.Combine(_dataDirectory, "skn.db")));
    }

    [Fact]
    public async Task ForeignSqliteDatabase_NodeStopsAtStart_SayingItIsNotAnSknStore()
    {
        // Arrange: a valid SQLite database of some other application.
        Directory.CreateDirectory(_dataDirectory);
        var path = Path.Combine(_dataDirectory, "skn.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount INTEGER); INSERT INTO invoices (amount) VALUES (42);";
            command.ExecuteNonQuery();
        }

        // Act
        await using var node = await NodeProcess.StartAsync(_dataDirectory, FreePort.Next());
        var exitCode = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));

        // Assert: refused, with the reason, and the other application's data untouched.
        Assert.NotEqual(0, exitCode);
        Assert.Contains("is a SQLite database but not an Skn message store", node.Output, StringComparison.Ordinal);
        using var check = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        check.Open();
        using var query = check.CreateCommand();
        query.CommandText = "SELECT amount FROM invoices";
        Assert.Equal(42L, query.ExecuteScalar());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }

    private static SendRequest Content3K()
    {
        var envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting);
        var body = new byte[3 * 1024];
        Random.Shared.NextBytes(body);
        envelope.SealedContent = ByteString.CopyFrom(body);
        return new SendRequest { Envelope = envelope };
    }
}
