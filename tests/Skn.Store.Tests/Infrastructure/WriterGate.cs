using Skn.Store.Sqlite;

namespace Skn.Store.Tests.Infrastructure;

/// <summary>
/// Holds the store's writer inside an operation until released, so that the operations queued
/// meanwhile are all waiting when it takes the next batch.
/// </summary>
internal sealed class WriterGate : IDisposable
{
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _release = new();

    private WriterGate(SqliteMessageStore store, CancellationToken cancellationToken)
    {
        Held = store.Writer.SubmitAsync(
            _ =>
            {
                _entered.Set();
                return _release.Wait(Bounded.Timeout);
            },
            cancellationToken);
        Bounded.Wait(_entered, "the writer to take the gate");
    }

    /// <summary>The gate operation: true when it was released (not timed out).</summary>
    public Task<bool> Held { get; }

    public static WriterGate Hold(SqliteMessageStore store, CancellationToken cancellationToken = default) =>
        new(store, cancellationToken);

    public void Release() => _release.Set();

    public void Dispose()
    {
        _release.Set();
        _entered.Dispose();
    }
}
