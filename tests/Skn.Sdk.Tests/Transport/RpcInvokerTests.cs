using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Skn.Sdk;
using Skn.Sdk.Transport;

namespace Skn.Sdk.Tests.Transport;

/// <summary>Which failures the client retries, how often, and what the caller sees when it gives up.</summary>
public sealed class RpcInvokerTests
{
    private readonly RpcInvoker _invoker;

    public RpcInvokerTests()
    {
        var options = new SknClientOptions();
        options.Retry.MaxAttempts = 4;
        options.Retry.InitialBackoff = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxBackoff = TimeSpan.FromMilliseconds(5);
        _invoker = new RpcInvoker(options, NullLogger.Instance);
    }

    [Fact]
    public async Task CallAsync_UnavailableTwiceThenAnswer_RetriesAndReturnsTheAnswer()
    {
        // Arrange
        var calls = new ScriptedCalls(StatusCode.Unavailable, StatusCode.Unavailable);

        // Act
        var answer = await _invoker.CallAsync("Send", CallKind.Idempotent, calls.Next, CancellationToken.None);

        // Assert
        Assert.Equal("answer", answer);
        Assert.Equal(3, calls.Count);
    }

    [Fact]
    public async Task CallAsync_DeadlineExceededOnIdempotentCall_Retried()
    {
        // Arrange
        var calls = new ScriptedCalls(StatusCode.DeadlineExceeded);

        // Act
        var answer = await _invoker.CallAsync("Acknowledge", CallKind.Idempotent, calls.Next, CancellationToken.None);

        // Assert
        Assert.Equal("answer", answer);
        Assert.Equal(2, calls.Count);
    }

    [Fact]
    public async Task CallAsync_DeadlineExceededOnNonIdempotentCall_NotRetried()
    {
        // Arrange: the node may have acted on it; a repeat could act twice.
        var calls = new ScriptedCalls(StatusCode.DeadlineExceeded);

        // Act
        var error = await Assert.ThrowsAsync<SknRequestException>(() => _invoker.CallAsync("ExtendHandlingTerm", CallKind.NotIdempotent, calls.Next, CancellationToken.None));

        // Assert
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task CallAsync_InvalidArgument_NotRetriedAndReportedTyped()
    {
        // Arrange
        var calls = new ScriptedCalls(StatusCode.InvalidArgument);

        // Act
        var error = await Assert.ThrowsAsync<SknRequestException>(() => _invoker.CallAsync("Send", CallKind.Idempotent, calls.Next, CancellationToken.None));

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Equal("scripted InvalidArgument", error.Message);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public async Task CallAsync_UnavailableEveryTime_GivesUpAfterMaxAttempts()
    {
        // Arrange
        var calls = new ScriptedCalls(Enumerable.Repeat(StatusCode.Unavailable, 10).ToArray());

        // Act
        var error = await Assert.ThrowsAsync<SknRequestException>(() => _invoker.CallAsync("Send", CallKind.Idempotent, calls.Next, CancellationToken.None));

        // Assert
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(4, calls.Count);
    }

    /// <summary>Fails with the given codes in turn, then answers "answer"; each attempt gets its own deadline.</summary>
    private sealed class ScriptedCalls(params StatusCode[] failures)
    {
        public int Count { get; private set; }

        public AsyncUnaryCall<string> Next(CallOptions options)
        {
            Assert.NotNull(options.Deadline);
            var attempt = Count++;
            var response = attempt < failures.Length
                ? Task.FromException<string>(new RpcException(new Status(failures[attempt], $"scripted {failures[attempt]}")))
                : Task.FromResult("answer");
            return new AsyncUnaryCall<string>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }
    }
}
