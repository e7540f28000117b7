using System.Diagnostics;
using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Skn.Reliability.Tests.Infrastructure;
using Skn.V1;

namespace Skn.Reliability.Tests.CrashSafety;

/// <summary>
/// The crash-safety run: the node as its own process, concurrent senders (Send and BatchSend) and
/// follow fetchers that acknowledge, a SIGKILL after a random number of completed operations, and a
/// restart on the same data folder, over and over. After every kill the database file is checked
/// read-only against the ledger; after the last, every in-doubt send is retried, the mailboxes are
/// drained and the node is stopped properly for the final check.
/// </summary>
public sealed class CrashSafetyRun
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private readonly CrashSettings _settings;
    private readonly Action<string> _log;
    private readonly CrashLedger _ledger = new();
    private readonly Random _random;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "skn-crash-" + Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort.Next();

    // The sends: two SHVs to three SEs; one lane uses BatchSend.
    private readonly SenderLane[] _senders =
    [
        new(Demo.Gemeente, Demo.Woonstichting, batch: false),
        new(Demo.Kredietbank, Demo.EnergieNoord, batch: false),
        new(Demo.Gemeente, Demo.Belasting, batch: true),
        new(Demo.Kredietbank, Demo.Woonstichting, batch: false),
    ];

    private readonly FetcherLane[] _fetchers = [new(Demo.Woonstichting), new(Demo.EnergieNoord), new(Demo.Belasting)];

    private long _events;
    private int _kills;
    private volatile bool _killRequested;
    private TaskCompletionSource _killPoint = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _killAfterEvents;

    public CrashSafetyRun(CrashSettings settings, Action<string> log)
    {
        _settings = settings;
        _log = log;
        _random = new Random(settings.Seed);
    }

    public CrashLedger Ledger => _ledger;

    public int Kills => _kills;

    private string DatabasePath => Path.Combine(_dataDirectory, "skn.db");

    public async Task RunAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            while (_kills < _settings.Kills && clock.Elapsed < _settings.TimeBudget && _ledger.Violations.Count == 0)
            {
                await RoundAsync();
                CheckStoreFile(final: false);
            }

            await FinishAsync();
            CheckStoreFile(final: true);
            _log($"{_kills} kills in {clock.Elapsed.TotalSeconds:0.0} s; {_ledger.SendAttempts} send attempts ({_ledger.RetriedSends} retries, {_ledger.RetriesAnsweredWithEarlierEnvelope} of them answered with an earlier attempt's envelope), " +
                 $"{_ledger.ConfirmedMessageIds.Count} sends confirmed, {_ledger.DeliveredCount} envelopes delivered ({_ledger.Redeliveries} redeliveries), " +
                 $"{_ledger.Acknowledged.Count} acknowledged; {_ledger.Violations.Count} violations.");
        }
        finally
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temp cleaning.
            }
        }
    }

    /// <summary>One life of the node: start, work, SIGKILL at a random point.</summary>
    private async Task RoundAsync()
    {
        await using var node = await NodeProcess.StartListeningAsync(_dataDirectory, _port);
        var channels = OpenChannels(node);
        using var stop = new CancellationTokenSource();
        _killRequested = false;
        _killPoint = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A kill right at start-up now and then (the node releases old leases then), otherwise after
        // a random number of completed operations, so the kill lands in the middle of the work.
        _killAfterEvents = Interlocked.Read(ref _events) + (_random.Next(6) == 0 ? _random.Next(0, 5) : _random.Next(5, _settings.MaxEventsBeforeKill));
        if (Interlocked.Read(ref _events) >= _killAfterEvents)
        {
            _killPoint.TrySetResult();
        }

        var work = new List<Task>();
        work.AddRange(_senders.Select((lane, i) => Task.Run(() => SendLoopAsync(lane, channels[lane.SenderOin], new Random(_random.Next()), stop.Token))));
        foreach (var lane in _fetchers)
        {
            work.Add(Task.Run(() => FetchLoopAsync(lane, channels[lane.RecipientOin], stop.Token)));
            work.Add(Task.Run(() => AckLoopAsync(lane, channels[lane.RecipientOin], stop.Token)));
        }

        try
        {
            await _killPoint.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            _ledger.Violation($"Round {_kills + 1}: the workload made no progress for 60 s (stuck at {_events} operations); node output:\n{node.Tail()}");
        }

        _killRequested = true;
        await node.KillAsync();
        _kills++;
        stop.Cancel();
        await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(60));
        foreach (var channel in channels.Values)
        {
            channel.Dispose();
        }
    }

    /// <summary>After the last kill: a node that stays up gets every in-doubt send retried and every mailbox drained, then stops properly.</summary>
    private async Task FinishAsync()
    {
        var node = await NodeProcess.StartListeningAsync(_dataDirectory, _port);
        try
        {
            var channels = OpenChannels(node);
            _killRequested = false;
            foreach (var lane in _senders)
            {
                var client = new ExchangeService.ExchangeServiceClient(channels[lane.SenderOin]);
                var rng = new Random(_random.Next());
                while (lane.InDoubt.Count > 0)
                {
                    var batch = lane.InDoubt.Take(5).ToList();
                    lane.InDoubt.RemoveRange(0, batch.Count);
                    Assert.True(await SendAsync(lane, client, batch, retry: true, rng, CancellationToken.None), "A retry failed on a node that stays up.");
                }
            }

            foreach (var lane in _fetchers)
            {
                var client = new ExchangeService.ExchangeServiceClient(channels[lane.RecipientOin]);
                await AcknowledgeCarriedTokensAsync(lane, client);
                await DrainAsync(lane, client);
            }

            foreach (var channel in channels.Values)
            {
                channel.Dispose();
            }
        }
        finally
        {
            await node.StopAsync(TimeSpan.FromSeconds(30));
            await node.DisposeAsync();
        }
    }

    private Dictionary<string, GrpcChannel> OpenChannels(NodeProcess node) =>
        _senders.Select(s => s.SenderOin).Concat(_fetchers.Select(f => f.RecipientOin)).Distinct()
            .ToDictionary(oin => oin, oin => NodeChannels.Create(node.Address, _dataDirectory, oin));

    private void Progress()
    {
        if (Interlocked.Increment(ref _events) >= Interlocked.Read(ref _killAfterEvents))
        {
            _killPoint.TrySetResult();
        }
    }

    // ---- senders ----------------------------------------------------------------------------

    private async Task SendLoopAsync(SenderLane lane, GrpcChannel channel, Random rng, CancellationToken stop)
    {
        var client = new ExchangeService.ExchangeServiceClient(channel);
        while (!stop.IsCancellationRequested)
        {
            List<LogicalSend> sends;
            bool retry;
            if (lane.InDoubt.Count > 0)
            {
                // First what the last kill left unanswered: the same request ids again.
                sends = lane.InDoubt.Take(lane.Batch ? 5 : 1).ToList();
                lane.InDoubt.RemoveRange(0, sends.Count);
                retry = true;
            }
            else if (lane.Confirmed.Count > 0 && rng.Next(20) == 0)
            {
                // A client that lost the answer of a send that did succeed retries it: same request id.
                sends = [lane.Confirmed[rng.Next(lane.Confirmed.Count)]];
                retry = true;
            }
            else
            {
                sends = Enumerable.Range(0, lane.Batch ? 5 : 1)
                    .Select(_ => _ledger.NewSend(lane.SenderOin, lane.RecipientOin, RandomContent(rng)))
                    .ToList();
                retry = false;
            }

            if (!await SendAsync(lane, client, sends, retry, rng, stop))
            {
                // No answer: the node is gone (or the failure is already a violation). The sends wait
                // in InDoubt for the next node.
                return;
            }
        }
    }

    /// <summary>Sends (or retries) and records the answer; false when the call got none.</summary>
    private async Task<bool> SendAsync(SenderLane lane, ExchangeService.ExchangeServiceClient client, List<LogicalSend> sends, bool retry, Random rng, CancellationToken stop)
    {
        var envelopes = new List<Envelope>();
        foreach (var send in sends)
        {
            // A retry either resends the same envelope or one rebuilt with a new message id (a client
            // that seals again); both carry the same request id, so neither may become a second envelope.
            var messageId = retry && rng.Next(2) == 0 ? send.AttemptMessageIds[^1] : Guid.NewGuid().ToString();
            _ledger.Attempt(send, messageId, retry);
            envelopes.Add(new Envelope
            {
                MessageId = messageId,
                Type = BerichtType.Saldoverzoek,
                RecipientOin = send.RecipientOin,
                ConversationId = send.ConversationId,
                DefinitionVersion = "1.0",
                RequestId = send.RequestId,
                SealedContent = ByteString.CopyFrom(send.Content),
            });
        }

        try
        {
            var options = new CallOptions(deadline: DateTime.UtcNow + CallTimeout);
            if (lane.Batch)
            {
                var request = new BatchSendRequest();
                request.Requests.AddRange(envelopes.Select(e => new SendRequest { Envelope = e }));
                var response = await client.BatchSendAsync(request, options);
                for (var i = 0; i < sends.Count; i++)
                {
                    var result = response.Results[i];
                    if (result.Envelope is { } stored)
                    {
                        Confirm(lane, sends[i], stored.MessageId);
                    }
                    else
                    {
                        _ledger.Violation($"BatchSend refused a valid send {sends[i].RequestId} (retry {retry}): {result.Failure}");
                    }
                }
            }
            else
            {
                var response = await client.SendAsync(new SendRequest { Envelope = envelopes[0] }, options);
                Confirm(lane, sends[0], response.Envelope.MessageId);
            }

            return true;
        }
        catch (RpcException ex)
        {
            if (!_killRequested)
            {
                _ledger.Violation($"A send failed while the node was up: {ex.Status} (retry {retry}, request ids {string.Join(", ", sends.Select(s => s.RequestId))}).");
            }

            foreach (var send in sends.Where(s => s.ConfirmedMessageId is null))
            {
                _ledger.SendInDoubt(send);
                lane.InDoubt.Add(send);
            }

            return false;
        }
    }

    private void Confirm(SenderLane lane, LogicalSend send, string messageId)
    {
        var first = send.ConfirmedMessageId is null;
        _ledger.SendOk(send, messageId);
        if (first)
        {
            lane.Confirmed.Add(send);
        }

        Progress();
    }

    private static byte[] RandomContent(Random rng)
    {
        var content = new byte[rng.Next(64, 4096)];
        rng.NextBytes(content);
        return content;
    }

    // ---- fetchers ---------------------------------------------------------------------------

    private async Task FetchLoopAsync(FetcherLane lane, GrpcChannel channel, CancellationToken stop)
    {
        var client = new ExchangeService.ExchangeServiceClient(channel);
        try
        {
            using var call = client.FetchPending(new FetchPendingRequest { Follow = true, MaxInFlight = 32 }, cancellationToken: stop);
            await foreach (var response in call.ResponseStream.ReadAllAsync(stop))
            {
                if (response.Delivery is { } delivery)
                {
                    _ledger.Delivered(lane.RecipientOin, delivery.Envelope.MessageId, delivery.Envelope.SealedContent.ToByteArray(), delivery.Attempt);
                    lane.Tokens.Writer.TryWrite((delivery.DeliveryToken, delivery.Envelope.MessageId));
                    Progress();
                }
            }

            if (!_killRequested)
            {
                _ledger.Violation($"The follow stream of {lane.RecipientOin} ended while the node was up.");
            }
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException)
        {
            if (!_killRequested && !stop.IsCancellationRequested)
            {
                _ledger.Violation($"The follow stream of {lane.RecipientOin} failed while the node was up: {ex.Message}");
            }
        }
    }

    private async Task AckLoopAsync(FetcherLane lane, GrpcChannel channel, CancellationToken stop)
    {
        var client = new ExchangeService.ExchangeServiceClient(channel);
        try
        {
            while (await lane.Tokens.Reader.WaitToReadAsync(stop))
            {
                var batch = new List<(string Token, string MessageId)>();
                while (batch.Count < 64 && lane.Tokens.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (!await AcknowledgeAsync(lane, client, batch, stop))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The round is over; tokens still queued wait for the next node.
        }
    }

    /// <summary>Acknowledges a batch; false when the call got no answer (its tokens go back in the queue).</summary>
    private async Task<bool> AcknowledgeAsync(FetcherLane lane, ExchangeService.ExchangeServiceClient client, List<(string Token, string MessageId)> batch, CancellationToken stop)
    {
        var request = new AcknowledgeRequest();
        request.DeliveryTokens.AddRange(batch.Select(b => b.Token));
        AcknowledgeResponse response;
        try
        {
            response = await client.AcknowledgeAsync(request, new CallOptions(deadline: DateTime.UtcNow + CallTimeout));
        }
        catch (RpcException ex)
        {
            if (!_killRequested && !stop.IsCancellationRequested)
            {
                _ledger.Violation($"An acknowledgement failed while the node was up: {ex.Status}");
            }

            // Unanswered: not acknowledged as far as the ledger knows. Retried after the restart.
            foreach (var item in batch)
            {
                lane.Tokens.Writer.TryWrite(item);
            }

            return false;
        }

        foreach (var result in response.Results)
        {
            switch (result.Outcome)
            {
                case AcknowledgeOutcome.Acknowledged:
                case AcknowledgeOutcome.AlreadyAcknowledged:
                    _ledger.AcknowledgedOk(result.MessageId);
                    Progress();
                    break;
                case AcknowledgeOutcome.Superseded:
                    // Delivered again after this token (a restart released it); the newer delivery's token acknowledges it.
                    break;
                default:
                    _ledger.Violation($"Acknowledging {result.DeliveryToken} of {lane.RecipientOin} gave {result.Outcome}.");
                    break;
            }
        }

        return true;
    }

    private async Task AcknowledgeCarriedTokensAsync(FetcherLane lane, ExchangeService.ExchangeServiceClient client)
    {
        var batch = new List<(string, string)>();
        while (lane.Tokens.Reader.TryRead(out var item))
        {
            batch.Add(item);
        }

        foreach (var chunk in batch.Chunk(500))
        {
            Assert.True(await AcknowledgeAsync(lane, client, [.. chunk], CancellationToken.None));
        }
    }

    /// <summary>Fetches without follow and acknowledges each delivery, until a fetch brings nothing.</summary>
    private async Task DrainAsync(FetcherLane lane, ExchangeService.ExchangeServiceClient client)
    {
        while (true)
        {
            var received = 0;
            using var call = client.FetchPending(new FetchPendingRequest { MaxInFlight = 256 }, new CallOptions(deadline: DateTime.UtcNow + TimeSpan.FromMinutes(2)));
            await foreach (var response in call.ResponseStream.ReadAllAsync())
            {
                if (response.Delivery is not { } delivery)
                {
                    continue;
                }

                received++;
                _ledger.Delivered(lane.RecipientOin, delivery.Envelope.MessageId, delivery.Envelope.SealedContent.ToByteArray(), delivery.Attempt);
                Assert.True(await AcknowledgeAsync(lane, client, [(delivery.DeliveryToken, delivery.Envelope.MessageId)], CancellationToken.None));
            }

            if (received == 0)
            {
                return;
            }
        }
    }

    // ---- the checks on the database file ------------------------------------------------------

    private void CheckStoreFile(bool final)
    {
        var when = final ? "after the final stop" : $"after kill {_kills}";
        using var store = StoreFile.OpenReadOnly(DatabasePath);
        var integrity = store.IntegrityCheck();
        if (integrity != "ok")
        {
            _ledger.Violation($"PRAGMA integrity_check {when}: {integrity}");
        }

        var rows = store.Envelopes();

        // Every send the node answered OK is there, pending with its body intact, or acknowledged.
        foreach (var (requestId, messageId) in _ledger.ConfirmedMessageIds)
        {
            var send = _ledger.FindByMessageId(messageId)!;
            if (!rows.TryGetValue(messageId, out var row))
            {
                _ledger.Violation($"Lost {when}: send {requestId} was answered OK as {messageId}, and the database has no such envelope.");
                continue;
            }

            if (row.State is StoredEnvelope.Pending or StoredEnvelope.Delivered)
            {
                if (row.Body is null)
                {
                    _ledger.Violation($"Lost {when}: envelope {messageId} is pending but its body is gone.");
                }
                else if (!SHA256.HashData(row.Body).AsSpan().SequenceEqual(send.ContentHash))
                {
                    _ledger.Violation($"Corrupted {when}: the stored body of {messageId} differs from what was sent.");
                }
            }
            else if (row.State == StoredEnvelope.Acknowledged)
            {
                if (!_ledger.WasDelivered(messageId))
                {
                    _ledger.Violation($"{messageId} is acknowledged {when}, but no fetcher ever received it.");
                }
            }
            else
            {
                _ledger.Violation($"Envelope {messageId} is in state {row.State} {when}; it can only be pending, delivered or acknowledged here.");
            }

            if (final && row.State != StoredEnvelope.Acknowledged)
            {
                _ledger.Violation($"Envelope {messageId} is still in state {row.State} after the mailboxes were drained.");
            }
        }

        // No body survives its acknowledgement.
        foreach (var messageId in _ledger.Acknowledged.Keys)
        {
            if (!rows.TryGetValue(messageId, out var row) || row.State != StoredEnvelope.Acknowledged || row.Body is not null)
            {
                _ledger.Violation($"{when}: {messageId} was acknowledged OK, yet the database has it as {(row is null ? "missing" : $"state {row.State} with{(row.Body is null ? "out" : "")} a body")}.");
            }
        }

        var orphans = store.OrphanBodies();
        if (orphans != 0)
        {
            _ledger.Violation($"{when}: {orphans} bodies belong to acknowledged, expired or missing envelopes.");
        }

        // One envelope per logical send, however often it was retried; nothing nobody sent.
        var perRequest = rows.Values.GroupBy(r => (r.SenderOin, r.RequestId));
        foreach (var group in perRequest.Where(g => g.Count() > 1))
        {
            _ledger.Violation($"{when}: request id {group.Key.RequestId} of {group.Key.SenderOin} has {group.Count()} envelopes: {string.Join(", ", group.Select(g => g.MessageId))}.");
        }

        foreach (var send in _ledger.Sends)
        {
            List<string> attempts;
            lock (send)
            {
                attempts = send.AttemptMessageIds.Distinct().ToList();
            }

            var stored = attempts.Where(rows.ContainsKey).ToList();
            if (stored.Count > 1)
            {
                _ledger.Violation($"{when}: the retries of send {send.RequestId} created {stored.Count} envelopes: {string.Join(", ", stored)}.");
            }

            if (final && send.ConfirmedMessageId is null)
            {
                _ledger.Violation($"Send {send.RequestId} never got an answer, also after the final retries.");
            }
        }

        foreach (var row in rows.Values)
        {
            var send = _ledger.FindByMessageId(row.MessageId);
            if (send is null || send.RequestId != row.RequestId || send.SenderOin != row.SenderOin)
            {
                _ledger.Violation($"{when}: envelope {row.MessageId} (request id {row.RequestId}) is in the database, but no client sent it so.");
            }
        }
    }
}
