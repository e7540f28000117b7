using Microsoft.Extensions.Options;
using Skn.Node.Hosting;
using Skn.Node.Operator;

namespace Skn.Integration.Tests.Operator;

/// <summary>Paging through the operator audit log, newest first, on a real file.</summary>
public sealed class OperatorAuditLogReadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("skn-audit-read-").FullName;

    [Fact]
    public async Task ReadAsync_PagesFromTheEnd_EveryEntryOnceNewestFirst()
    {
        // Arrange: 25 entries, minute i for entry i.
        using var log = await WriteAsync(25);

        // Act: pages of 10 until there is no next one.
        var pages = new List<(IReadOnlyList<OperatorAuditRecord> Records, int? Next)>();
        int? before = null;
        do
        {
            var page = await log.ReadAsync(10, before, CancellationToken.None);
            pages.Add(page);
            before = page.NextBeforeLine;
        }
        while (before is not null && pages.Count < 10);

        // Assert
        Assert.Equal([15, 5, null], pages.Select(p => p.Next));
        Assert.Equal(
            Enumerable.Range(0, 25).Reverse().Select(Minute),
            pages.SelectMany(p => p.Records).Select(r => r.Time));
    }

    [Fact]
    public async Task ReadAsync_BeforeLinePastTheEnd_ReadsTheLastPage()
    {
        // Arrange
        using var log = await WriteAsync(3);

        // Act
        var (records, next) = await log.ReadAsync(10, 1_000, CancellationToken.None);

        // Assert
        Assert.Equal([Minute(2), Minute(1), Minute(0)], records.Select(r => r.Time));
        Assert.Null(next);
    }

    [Fact]
    public async Task ReadAsync_NoFile_Empty()
    {
        // Arrange
        using var log = new OperatorAuditLog(Options.Create(new NodeOptions { DataDirectory = _folder }));

        // Act
        var (records, next) = await log.ReadAsync(10, null, CancellationToken.None);

        // Assert
        Assert.Empty(records);
        Assert.Null(next);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static DateTimeOffset Minute(int i) => DateTimeOffset.UnixEpoch.AddMinutes(i);

    private async Task<OperatorAuditLog> WriteAsync(int count)
    {
        var log = new OperatorAuditLog(Options.Create(new NodeOptions { DataDirectory = _folder }));
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(
                new OperatorAuditRecord(Minute(i), Demo.Operator, "CN=Beheer", "ListTraffic", "", "", "OK", ""),
                CancellationToken.None);
        }

        return log;
    }
}
