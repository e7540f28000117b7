namespace Skn.Domain.Calendar;

/// <summary>
/// A day that does not count as a working day, with its Dutch name (for example "Koningsdag").
/// </summary>
/// <param name="Date">The calendar date of the holiday.</param>
/// <param name="Name">The Dutch name, as used in the Algemene termijnenwet and in daily speech.</param>
public sealed record Holiday(DateOnly Date, string Name);
