using Microsoft.Data.Sqlite;

namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// One connection's commands, created on first use and reused, so SQLite compiles each statement
/// once per connection. Keyed by the identity of the <see cref="Sql"/> constant.
/// </summary>
internal sealed class CommandCache(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(ReferenceEqualityComparer.Instance);

    public SqliteConnection Connection => connection;

    /// <summary>The command for <paramref name="sql"/>; parameters keep the values of its last use until bound again.</summary>
    public SqliteCommand Get(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}

/// <summary>Parameter binding for reused commands.</summary>
internal static class SqliteCommandExtensions
{
    /// <summary>Sets a parameter's value, adding the parameter on first use; null binds SQL NULL.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        else
        {
            parameters[index].Value = value ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>Runs a statement that returns one integer (or NULL).</summary>
    public static long? ScalarInt64(this SqliteCommand command)
    {
        var value = command.ExecuteScalar();
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
