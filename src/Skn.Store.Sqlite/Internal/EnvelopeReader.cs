using System.Globalization;
using Microsoft.Data.Sqlite;
using Skn.Domain.Storage;
using Skn.V1;

namespace Skn.Store.Sqlite.Internal;

/// <summary>Maps rows selected with <see cref="Sql.Columns"/> to records, and values to columns.</summary>
internal static class EnvelopeReader
{
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>How many columns <see cref="Read"/> takes (<see cref="Sql.Columns"/>); a query may add its own after them.</summary>
    public const int ColumnCount = 19;

    public static EnvelopeRecord Read(SqliteDataReader reader) => new()
    {
        Sequence = reader.GetInt64(0),
        MessageId = reader.GetString(1),
        Type = (BerichtType)reader.GetInt32(2),
        SenderOin = reader.GetString(3),
        RecipientOin = reader.GetString(4),
        ConversationId = reader.GetString(5),
        InReplyTo = reader.GetString(6),
        DefinitionVersion = reader.GetString(7),
        RequestId = reader.GetString(8),
        SendTime = FromMilliseconds(reader.GetInt64(9)),
        ExpireTime = FromMilliseconds(reader.GetInt64(10)),
        ReplyDueDate = reader.IsDBNull(11) ? null : ParseDate(reader.GetString(11)),
        State = (EnvelopeState)reader.GetInt32(12),
        Attempts = reader.GetInt32(13),
        LeaseExpireTime = ReadTime(reader, 14),
        FirstDeliveryTime = ReadTime(reader, 15),
        OutcomeTime = ReadTime(reader, 16),
        ExtensionDays = reader.GetInt32(17),
        SealedContentSize = reader.GetInt64(18),
    };

    /// <summary>Reads every row of a command's result.</summary>
    public static List<EnvelopeRecord> ReadAll(SqliteCommand command)
    {
        var records = new List<EnvelopeRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(Read(reader));
        }

        return records;
    }

    /// <summary>Reads the first row of a command's result, or null.</summary>
    public static EnvelopeRecord? ReadSingle(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Unix milliseconds, UTC: how the store keeps every time.</summary>
    public static long ToMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>A stored time as a DateTimeOffset with offset zero.</summary>
    public static DateTimeOffset FromMilliseconds(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>A time as the store will give it back (millisecond precision, offset zero).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => FromMilliseconds(ToMilliseconds(time));

    public static string? FormatDate(DateOnly? date) =>
        date?.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A JSON array of type numbers for the $types parameter, or null for all types.</summary>
    public static string? TypesJson(IReadOnlyCollection<BerichtType>? types) =>
        types is null || types.Count == 0
            ? null
            : "[" + string.Join(",", types.Select(t => ((int)t).ToString(CultureInfo.InvariantCulture))) + "]";

    private static DateOnly ParseDate(string text) =>
        DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromMilliseconds(reader.GetInt64(ordinal));
}
