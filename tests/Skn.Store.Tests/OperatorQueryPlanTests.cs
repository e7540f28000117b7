using Microsoft.Data.Sqlite;
using Skn.Store.Sqlite.Internal;
using Skn.Store.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Skn.Store.Tests;

/// <summary>
/// The operator's views read envelope metadata through indexes and never touch the contents table,
/// so a listing never reads a body, and a busy node's figures do not scan its whole history.
/// </summary>
public sealed class OperatorQueryPlanTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Queries => new()
    {
        // Newest first down the primary key from the page token: a search, not a scan.
        { nameof(OperatorSql.Traffic), OperatorSql.Traffic, "USING INTEGER PRIMARY KEY" },
        { nameof(OperatorSql.PendingPerMailbox), OperatorSql.PendingPerMailbox, "envelopes_deliverable" },
        { nameof(OperatorSql.PoisonedPerMailbox), OperatorSql.PoisonedPerMailbox, "envelopes_expiry" },
        { nameof(OperatorSql.ExpiredPerMailbox), OperatorSql.ExpiredPerMailbox, "envelopes_outcome" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task QueryPlan_OperatorQuery_UsesItsIndexAndNeverReadsContents(string name, string sql, string access)
    {
        // Arrange
        await using var temp = await TempStore.CreateAsync();
        using var connection = temp.OpenRawConnection();

        // Act
        var plan = Explain(connection, sql);
        output.WriteLine($"{name}:\n  " + string.Join("\n  ", plan));

        // Assert: the named access path; no line reads the bodies; no plain scan of the envelope table.
        Assert.Contains(plan, line => line.Contains(access, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("contents", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN envelopes", StringComparison.Ordinal) && !line.Contains("INDEX", StringComparison.Ordinal));
        Assert.DoesNotContain("contents", sql, StringComparison.Ordinal);
    }

    private static List<string> Explain(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-z_]+").Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, 1);
        }

        var plan = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
