using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Skn.Node.Hosting;
using Skn.Node.Maintenance;
using Skn.Node.Operator;
using Skn.V1;

namespace Skn.Integration.Tests.Operator;

/// <summary>
/// The operator audit log's hash chain: written by the node across a restart, and checked by
/// <c>verify-audit</c>, which names the first line that an edit, a deletion or a swap broke.
/// </summary>
public sealed class OperatorAuditChainTests : IDisposable
{
    private static readonly string Zeros = new('0', 64);

    private readonly string _folder = Directory.CreateTempSubdirectory("skn-audit-").FullName;

    private string AuditPath => Path.Combine(_folder, OperatorAuditLog.FileName);

    [Fact]
    public async Task AuditLog_AcrossRestart_ChainLinksEveryLineAndVerifies()
    {
        // Arrange
        await using var node = await TestNode.StartAsync();
        var path = Path.Combine(node.DataDirectory, OperatorAuditLog.FileName);

        // Act: two operator calls, a restart, two more.
        await node.Operator().ListRegisteredParticipantsAsync(new ListRegisteredParticipantsRequest(), Demo.Call);
        await node.Operator().SuspendParticipantAsync(new SuspendParticipantRequest { Oin = Demo.Kredietbank, Reason = "onderzoek" }, Demo.Call);
        await node.StopAsync();
        await node.StartAgainAsync();
        await node.Operator().ReinstateParticipantAsync(new ReinstateParticipantRequest { Oin = Demo.Kredietbank }, Demo.Call);
        await node.Operator().ListTrafficAsync(new ListTrafficRequest(), Demo.Call);
        var lines = await File.ReadAllLinesAsync(path);
        var verification = OperatorAuditVerifier.Verify(path);
        var exitCode = VerifyAuditCommand.Run(path, null, TextWriter.Null, TextWriter.Null);

        // Assert: each prev is the hash of the line before, the first is zeros, also over the restart (line 2 to 3).
        Assert.Equal(4, lines.Length);
        Assert.Equal(Zeros, Prev(lines[0]));
        for (var i = 1; i < lines.Length; i++)
        {
            Assert.Equal(Hash(lines[i - 1]), Prev(lines[i]));
        }

        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal((4, 0, Hash(lines[3])), (verification.VerifiedLines, verification.UnchainedLines, verification.Head));
        Assert.Equal(VerifyAuditCommand.Intact, exitCode);
    }

    [Fact]
    public async Task VerifyAudit_OneLineEdited_ReportsTheLineAfterIt()
    {
        // Arrange: five chained entries; line 3's outcome changed from a refusal to OK.
        var lines = await WriteChainAsync(5);
        lines[2] = lines[2].Replace("\"outcome\":\"PermissionDenied\"", "\"outcome\":\"OK\"", StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"OK\"", lines[2], StringComparison.Ordinal);
        await File.WriteAllLinesAsync(AuditPath, lines);

        // Act
        var (verification, exitCode, error) = Verify();

        // Assert: line 3 itself still links to line 2; line 4 no longer links to line 3.
        Assert.Equal(4, verification.BrokenLine);
        Assert.Equal(VerifyAuditCommand.Broken, exitCode);
        Assert.Contains("line 4 breaks the hash chain", error, StringComparison.Ordinal);
        Assert.Contains("line 3 was changed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAudit_OneLineDeleted_ReportsTheLineInItsPlace()
    {
        // Arrange
        var lines = await WriteChainAsync(5);
        await File.WriteAllLinesAsync(AuditPath, lines.Where((_, i) => i != 2));

        // Act
        var (verification, exitCode, _) = Verify();

        // Assert: the old line 4, now line 3, links to the deleted line.
        Assert.Equal(3, verification.BrokenLine);
        Assert.Equal(VerifyAuditCommand.Broken, exitCode);
    }

    [Fact]
    public async Task VerifyAudit_FirstLineDeleted_ReportsLineOne()
    {
        // Arrange
        var lines = await WriteChainAsync(3);
        await File.WriteAllLinesAsync(AuditPath, lines.Skip(1));

        // Act
        var (verification, exitCode, error) = Verify();

        // Assert
        Assert.Equal(1, verification.BrokenLine);
        Assert.Equal(VerifyAuditCommand.Broken, exitCode);
        Assert.Contains("64 zeros", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAudit_TwoLinesSwapped_ReportsTheFirstOfThem()
    {
        // Arrange
        var lines = await WriteChainAsync(5);
        (lines[1], lines[2]) = (lines[2], lines[1]);
        await File.WriteAllLinesAsync(AuditPath, lines);

        // Act
        var (verification, exitCode, _) = Verify();

        // Assert
        Assert.Equal(2, verification.BrokenLine);
        Assert.Equal(VerifyAuditCommand.Broken, exitCode);
    }

    [Fact]
    public async Task VerifyAudit_OlderLinesWithoutPrev_ChainVerifiedFromTheFirstLineWithOne()
    {
        // Arrange: three lines as the node wrote them before the chain, then a node that chains on.
        var old = Enumerable.Range(0, 3).Select(i => JsonSerializer.Serialize(
            new { time = DateTimeOffset.UnixEpoch.AddDays(i), operatorOin = Demo.Operator, action = "ListTraffic", outcome = "OK" })).ToArray();
        await File.WriteAllLinesAsync(AuditPath, old);
        var lines = await WriteChainAsync(2);

        // Act
        var verification = OperatorAuditVerifier.Verify(AuditPath);
        var intactExit = VerifyAuditCommand.Run(AuditPath, null, TextWriter.Null, TextWriter.Null);
        lines[2] = lines[2].Replace("ListTraffic", "ListAuditEntries", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(AuditPath, lines);
        var lastOldLineEdited = OperatorAuditVerifier.Verify(AuditPath);

        // Assert: the first chained line links to the last old one; the old lines are counted as unprotected.
        Assert.Equal(5, lines.Length);
        Assert.Equal(Hash(old[2]), Prev(lines[3]));
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal((5, 3), (verification.VerifiedLines, verification.UnchainedLines));
        Assert.Equal(VerifyAuditCommand.Intact, intactExit);
        Assert.Equal(4, lastOldLineEdited.BrokenLine);
    }

    [Fact]
    public async Task VerifyAudit_NoLineWithPrev_ExitsNonZero()
    {
        // Arrange: an old file, or one whose prev fields were all stripped: the two cannot be told apart.
        await File.WriteAllLinesAsync(AuditPath, ["{\"action\":\"ListTraffic\"}", "{\"action\":\"ListTraffic\"}"]);

        // Act
        var (verification, exitCode, error) = Verify();

        // Assert
        Assert.True(verification.Intact);
        Assert.False(verification.Chained);
        Assert.Equal(VerifyAuditCommand.Failed, exitCode);
        Assert.Contains("nothing can be verified", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditLog_LastLineTornByACrash_NextEntryOnItsOwnLineTornLineReportedAndSkippedWhenRead()
    {
        // Arrange: two entries, the second cut short as by a power cut in mid-write.
        var lines = await WriteChainAsync(2);
        var torn = lines[1][..20];
        await File.WriteAllTextAsync(AuditPath, lines[0] + "\n" + torn);

        // Act: a node started on that file appends, and the operator reads the log back.
        await WriteChainAsync(1);
        var after = await File.ReadAllLinesAsync(AuditPath);
        var verification = OperatorAuditVerifier.Verify(AuditPath);
        using var log = new OperatorAuditLog(Options.Create(new NodeOptions { DataDirectory = _folder }));
        var (records, _) = await log.ReadAsync(10, null, CancellationToken.None);

        // Assert: the torn line stays as it is, the new entry links to it, and the verifier names it.
        Assert.Equal([lines[0], torn], after[..2]);
        Assert.Equal(Hash(torn), Prev(after[2]));
        Assert.Equal(2, verification.BrokenLine);
        Assert.Contains("not a JSON entry", verification.Problem, StringComparison.Ordinal);
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public async Task VerifyAudit_LinesCutOffTheEnd_FoundOnlyByTheEarlierHead()
    {
        // Arrange: a check's head after five lines, then the last two lines cut off.
        var lines = await WriteChainAsync(5);
        var earlier = OperatorAuditVerifier.Verify(AuditPath);
        var middle = OperatorAuditVerifier.Verify(AuditPath, Hash(lines[2]));
        await File.WriteAllLinesAsync(AuditPath, lines[..3]);

        // Act
        var chainAlone = VerifyAuditCommand.Run(AuditPath, null, TextWriter.Null, TextWriter.Null);
        var error = new StringWriter();
        var withEarlierHead = VerifyAuditCommand.Run(AuditPath, earlier.Head, TextWriter.Null, error);

        // Assert: the shorter chain is valid in itself; the head kept from the earlier check is gone.
        Assert.Equal(3, middle.EarlierHeadLine);
        Assert.Equal(VerifyAuditCommand.Intact, chainAlone);
        Assert.Equal(VerifyAuditCommand.Broken, withEarlierHead);
        Assert.Contains("cut off the end", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyAudit_MissingFile_ExitsOne()
    {
        // Act
        var error = new StringWriter();
        var exitCode = VerifyAuditCommand.Run(AuditPath, null, TextWriter.Null, error);

        // Assert
        Assert.Equal(VerifyAuditCommand.Failed, exitCode);
        Assert.Contains("verify-audit failed", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Appends <paramref name="count"/> entries with a fresh log (as a node just started would), alternating refused and OK; returns all the file's lines.</summary>
    private async Task<string[]> WriteChainAsync(int count)
    {
        using var log = new OperatorAuditLog(Options.Create(new NodeOptions { DataDirectory = _folder }));
        for (var i = 0; i < count; i++)
        {
            var outcome = i % 2 == 0 ? "PermissionDenied" : "OK";
            await log.AppendAsync(
                new OperatorAuditRecord(DateTimeOffset.UnixEpoch.AddMinutes(i), Demo.Operator, "CN=Beheer", "ListTraffic", "", "", outcome, ""),
                CancellationToken.None);
        }

        return await File.ReadAllLinesAsync(AuditPath);
    }

    private (AuditVerification Verification, int ExitCode, string Error) Verify()
    {
        var error = new StringWriter();
        var exitCode = VerifyAuditCommand.Run(AuditPath, null, TextWriter.Null, error);
        return (OperatorAuditVerifier.Verify(AuditPath), exitCode, error.ToString());
    }

    private static string? Prev(string line) => JsonDocument.Parse(line).RootElement.GetProperty("prev").GetString();

    private static string Hash(string line) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
}
