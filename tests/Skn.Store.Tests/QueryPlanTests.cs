using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Skn.Store.Sqlite.Internal;
using Skn.Store.Tests.Infrastructure;
using Skn.V1;
using Xunit.Abstractions;

namespace Skn.Store.Tests;

/// <summary>
/// The hot queries must be index searches in the order they need, never a table scan or a sort,
/// so that they stay fast with a million envelopes waiting.
/// </summary>
public sealed partial class QueryPlanTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Queries => new()
    {
        { nameof(Sql.SelectLeasable), Sql.SelectLeasable, "envelopes_deliverable" },
        { nameof(Sql.CountPending), Sql.CountPending, "envelopes_deliverable" },
        { nameof(Sql.SelectWaiting), Sql.SelectWaiting, "envelopes_expiry" },
        { nameof(Sql.SelectDue), Sql.SelectDue, "envelopes_expiry" },
        { nameof(Sql.DeleteDueContents), Sql.DeleteDueContents, "envelopes_expiry" },
        { nameof(Sql.MarkDueExpired), Sql.MarkDueExpired, "envelopes_expiry" },
        { nameof(Sql.NextExpireTime), Sql.NextExpireTime, "envelopes_expiry" },
        { nameof(Sql.TrailSent), Sql.TrailSent, "envelopes_by_sender" },
        { nameof(Sql.TrailReceived), Sql.TrailReceived, "envelopes_by_recipient" },
        { nameof(Sql.TrailBoth), Sql.TrailBoth, "envelopes_by_sender|envelopes_by_recipient" },
        { nameof(Sql.PurgeChunk), Sql.PurgeChunk, "envelopes_outcome" },
        { nameof(Sql.FindByRequestId), Sql.FindByRequestId, "sqlite_autoindex_envelopes_2" },
        { nameof(Sql.FindByMessageId), Sql.FindByMessageId, "sqlite_autoindex_envelopes_1" },
        { nameof(Sql.SelectForRecipient), Sql.SelectForRecipient, "sqlite_autoindex_envelopes_1" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task QueryPlan_HotQuery_SearchesItsIndexWithoutScanOrSort(string name, string sql, string indexes)
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        using var connection = temp.OpenRawConnection();

        // Act
        var plan = Explain(connection, sql);
        output.WriteLine($"{name}:\n  " + string.Join("\n  ", plan));

        // Assert
        foreach (var index in indexes.Split('|'))
        {
            Assert.Contains(plan, line => line.Contains($"INDEX {index} ", StringComparison.Ordinal) || line.EndsWith($"INDEX {index}", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => TableScan().IsMatch(line));
    }

    [Fact]
    public void Sql_StateLiterals_MatchEnvelopeStateValues()
    {
        // Arrange, Act and Assert: the SQL writes states as literals 1 to 4.
        Assert.Equal(1, (int)EnvelopeState.Pending);
        Assert.Equal(2, (int)EnvelopeState.Delivered);
        Assert.Equal(3, (int)EnvelopeState.Acknowledged);
        Assert.Equal(4, (int)EnvelopeState.Expired);
    }

    private static List<string> Explain(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, name.EndsWith("_oin", StringComparison.Ordinal) || name is "$participant" or "$counterpart" ? "00000001000000000001" : 1);
        }

        var plan = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    [GeneratedRegex(@"\$[a-z_]+")]
    private static partial Regex ParameterName();

    /// <summary>A full scan of a table (an index scan reads "SCAN envelopes USING ... INDEX").</summary>
    [GeneratedRegex(@"^SCAN (envelopes|contents)$")]
    private static partial Regex TableScan();
}
