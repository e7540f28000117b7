namespace Skn.Store.Sqlite.Internal;

/// <summary>Room for sends: what still fits under the send limit, and that limit, in bytes.</summary>
internal readonly record struct StoreRoom(long FreeBytes, long SendLimitBytes);
