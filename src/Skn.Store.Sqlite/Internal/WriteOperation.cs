namespace Skn.Store.Sqlite.Internal;

/// <summary>
/// One caller's write, queued for the <see cref="GroupCommitWriter"/>. It is cancelled only while
/// queued; once the writer has taken it, it runs to the end of its batch.
/// </summary>
internal abstract class WriteOperation
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Cancelled = 2;

    private int _state;

    protected WriteOperation(WriteMode mode)
    {
        Mode = mode;
        Caller = System.Diagnostics.Activity.Current?.Context;
    }

    /// <summary>The span of the call that queued the operation, if any, so the commit span can link to it.</summary>
    public System.Diagnostics.ActivityContext? Caller { get; }

    /// <summary>Whether it shares a transaction, has one of its own, or runs outside any.</summary>
    public WriteMode Mode { get; }

    /// <summary>The operation's own failure in this batch (its savepoint was rolled back), if any.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>Takes the operation for a batch; false when its caller cancelled it first.</summary>
    public bool TryTake()
    {
        if (Interlocked.CompareExchange(ref _state, Taken, Queued) != Queued)
        {
            return false;
        }

        OnTaken();
        return true;
    }

    /// <summary>Records the operation's own failure; it is reported when the batch completes.</summary>
    public void RecordFailure(Exception exception) => Failure = MapFailure(exception);

    /// <summary>Runs the operation's statements on the writer connection. May run again if SQLite dropped the whole transaction.</summary>
    public abstract void Execute(WriterContext context);

    /// <summary>Publishes the result (or the recorded failure). Called once the batch's COMMIT returned.</summary>
    public abstract void Complete();

    /// <summary>Fails the operation because its batch as a whole failed: nothing of it was stored.</summary>
    public abstract void FailBatch(Exception exception);

    protected abstract void OnTaken();

    protected abstract Exception MapFailure(Exception exception);

    protected bool TryCancelQueued() =>
        Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;
}

/// <summary>A write with a result.</summary>
internal sealed class WriteOperation<T> : WriteOperation
{
    private readonly Func<WriterContext, T> _body;
    private readonly Func<Exception, Exception>? _mapFailure;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;
    private T? _result;

    public WriteOperation(Func<WriterContext, T> body, Func<Exception, Exception>? mapFailure, WriteMode mode)
        : base(mode)
    {
        _body = body;
        _mapFailure = mapFailure;
    }

    public Task<T> Task => _completion.Task;

    /// <summary>Cancels the operation when <paramref name="cancellationToken"/> fires before the writer takes it.</summary>
    public void CancelWhileQueued(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return;
        }

        _registration = cancellationToken.Register(
            static state =>
            {
                var (operation, token) = ((WriteOperation<T>, CancellationToken))state!;
                if (operation.TryCancelQueued())
                {
                    operation._completion.TrySetCanceled(token);
                }
            },
            (this, cancellationToken));
    }

    public override void Execute(WriterContext context) => _result = _body(context);

    public override void Complete()
    {
        if (Failure is { } failure)
        {
            _completion.TrySetException(failure);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }

    public override void FailBatch(Exception exception) =>
        _completion.TrySetException(Failure ?? MapFailure(exception));

    protected override void OnTaken() => _registration.Dispose();

    protected override Exception MapFailure(Exception exception) =>
        _mapFailure is null ? exception : _mapFailure(exception);
}
