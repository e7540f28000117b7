using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.FSharp.Core;
using Skn.V1;
using Xunit.Abstractions;
using Status = Grpc.Core.Status;

namespace Skn.Reliability.Tests.Fuzz;

/// <summary>
/// Property-based tests (FsCheck) over the request fields of every RPC: ids of the wrong shape,
/// invalid UTF-8, timestamps and durations out of range, undefined enum numbers, huge repeated fields
/// and content past the node's and the transport's limits. Each property predicts the status from
/// the contract independently of the node, so a wrong refusal fails as surely as a crash; nothing
/// refused is stored. The seed is printed; SKN_FUZZ_SEED replays it, SKN_FUZZ_ITERATIONS runs longer.
/// </summary>
public sealed class RequestPropertyTests(FuzzNode fixture, ITestOutputHelper output) : IClassFixture<FuzzNode>
{
    private TestNode Node => fixture.Node;

    [Fact]
    public void Send_GeneratedEnvelopes_AnsweredAsTheRulesPredict_AndOnlyAcceptedOnesStored()
    {
        var choices = ArbMap.Default.GeneratorFor<int>().Select(Math.Abs).ArrayOf(SendCase.Choices).ToArbitrary();
        Check(choices, indices =>
        {
            var @case = SendCase.From(indices);
            var (status, response, trailers) = RawRpc.Send.CallAsync(Node.Channel(SendCase.Sender), @case.ToBytes()).GetAwaiter().GetResult();
            Assert.True(status.StatusCode == @case.Expected, $"{@case.Description}: expected {@case.Expected}, got {status}");
            if (@case.BadFields.Count > 0 && @case.InvalidUtf8MessageId is null && @case.Expected == StatusCode.InvalidArgument)
            {
                Assert.Equal(@case.BadFields.Order(), ViolatedFields(status, trailers).Order());
            }

            var stored = Node.Store.FindAsync(@case.Envelope.MessageId, CancellationToken.None).GetAwaiter().GetResult();
            if (status.StatusCode == StatusCode.OK)
            {
                var envelope = SendResponse.Parser.ParseFrom(response).Envelope;
                Assert.Equal(@case.Envelope.MessageId, envelope.MessageId);
                Assert.NotNull(stored);
                Assert.Equal(SendCase.Sender, stored!.SenderOin);
                Assert.Equal(@case.Envelope.SealedContent.Length, stored.SealedContentSize);
                Assert.Equal(EnvelopeState.Pending, envelope.State);
            }
            else
            {
                Assert.Null(stored);
            }
        });
    }

    [Fact]
    public void BatchSend_GeneratedEnvelopes_EachItemAnsweredAsTheRulesPredict()
    {
        var cases = ArbMap.Default.GeneratorFor<int>().Select(Math.Abs).ArrayOf(SendCase.Choices)
            .Select(SendCase.From)
            .Where(c => c.Expected != StatusCode.ResourceExhausted && c.InvalidUtf8MessageId is null && c.Envelope.SealedContent.Length < 8 * 1024)
            .ListOf().Where(l => l.Count is >= 1 and <= 20).ToArbitrary();
        Check(cases, items =>
        {
            var request = new BatchSendRequest();
            request.Requests.AddRange(items.Select(c => new SendRequest { Envelope = c.Envelope }));
            var response = Node.Exchange(SendCase.Sender).BatchSend(request, Demo.Call);
            Assert.Equal(items.Count, response.Results.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var code = response.Results[i].Envelope is not null ? StatusCode.OK : (StatusCode)response.Results[i].Failure.Code;
                Assert.True(code == items[i].Expected, $"item {i}: {items[i].Description}: expected {items[i].Expected}, got {response.Results[i]}");
                Assert.Equal(code == StatusCode.OK, Node.Store.FindAsync(items[i].Envelope.MessageId, CancellationToken.None).GetAwaiter().GetResult() is not null);
            }
        });
    }

    [Fact]
    public void FetchPending_GeneratedRequests_InvalidArgumentExactlyForInvalidFields()
    {
        var requests =
            from maxInFlight in Gen.Elements(0, 1, 16, 256, 257, int.MaxValue, -1, int.MinValue)
            from maxDeliveries in Gen.Elements(0, 1, int.MaxValue, -1, int.MinValue)
            from snapshot in Gen.Elements(false, true)
            from follow in Gen.Elements(false, true)
            from heartbeat in Gen.Elements<Duration?>(
                null, new Duration { Seconds = 1 }, new Duration { Seconds = 3600 }, new Duration { Nanos = 1 }, new Duration { Seconds = 3601 },
                new Duration { Seconds = -1 }, new Duration { Nanos = -1 }, new Duration { Seconds = 5, Nanos = 1_000_000_000 },
                new Duration { Seconds = long.MaxValue, Nanos = int.MaxValue }, new Duration { Seconds = long.MinValue })
            from types in ArbMap.Default.GeneratorFor<int>().ListOf()
            select (Request: new FetchPendingRequest
            {
                MaxInFlight = maxInFlight,
                MaxDeliveries = maxDeliveries,
                Snapshot = snapshot,

                // A follow stream stays open by design; it is generated only where snapshot makes it invalid.
                Follow = follow && snapshot,
                HeartbeatInterval = heartbeat,
                BerichtTypes = { types.Select(t => (BerichtType)t) },
            }, Invalid: maxInFlight < 0 || maxDeliveries < 0 || (follow && snapshot)
                || heartbeat is { } h && (h.Seconds < 0 || h.Nanos < 0 || h.Seconds > 3600 || h.Nanos >= 1_000_000_000));
        Check(requests.ToArbitrary(), c =>
        {
            // The Kredietbank's mailbox is empty, so a valid fetch ends at once.
            var (status, _, _) = RawRpc.FetchPending.CallAsync(Node.Channel(Demo.Kredietbank), c.Request.ToByteArray(), TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            Assert.True(status.StatusCode == (c.Invalid ? StatusCode.InvalidArgument : StatusCode.OK), $"{c.Request}: {status}");
        });
    }

    [Fact]
    public void ListTrail_GeneratedRequests_InvalidArgumentExactlyForInvalidFields()
    {
        var timestamps = Gen.Elements<Timestamp?>(
            null, Timestamp.FromDateTimeOffset(TestNode.DefaultStart), new Timestamp { Seconds = 253_402_300_799 }, new Timestamp { Seconds = 253_402_300_800 },
            new Timestamp { Seconds = -62_135_596_800 }, new Timestamp { Seconds = -62_135_596_801 }, new Timestamp { Seconds = 1, Nanos = -1 },
            new Timestamp { Seconds = 1, Nanos = 1_000_000_000 }, new Timestamp { Seconds = long.MaxValue }, new Timestamp { Seconds = long.MinValue, Nanos = int.MinValue });
        var requests =
            from pageSize in Gen.Elements(0, 1, 1000, 1001, -1, int.MaxValue, int.MinValue)
            from pageToken in Gen.Elements("", "12", "1", "0", "-1", "abc", "99999999999999999999", " 12", "12\u0000")
            from direction in Gen.Elements(0, 1, 2, 3, -1, int.MaxValue)
            from start in timestamps
            from end in timestamps
            from types in ArbMap.Default.GeneratorFor<int>().ListOf()
            from counterpart in Gen.Elements("", Demo.Woonstichting, "00000099000000000999", "123", "x")
            from conversation in Gen.Elements("", Guid.NewGuid().ToString(), "dossier", Guid.NewGuid().ToString().ToUpperInvariant())
            select (Request: new ListTrailRequest
            {
                PageSize = pageSize,
                PageToken = pageToken,
                Direction = (TrailDirection)direction,
                StartTime = start,
                EndTime = end,
                BerichtTypes = { types.Select(t => (BerichtType)t) },
                CounterpartOin = counterpart,
                ConversationId = conversation,
            }, Invalid: pageSize is < 0 or > 1000 || pageToken is "0" or "-1" or "abc" or "99999999999999999999" or " 12" or "12\u0000"
                || direction is < 0 or > 2 || !ValidTime(start) || !ValidTime(end) || counterpart is "123" or "x" || conversation is "dossier" || conversation.Any(char.IsUpper));
        Check(requests.ToArbitrary(), c =>
        {
            var (status, _, _) = RawRpc.ListTrail.CallAsync(Node.Channel(Demo.Gemeente), c.Request.ToByteArray()).GetAwaiter().GetResult();
            Assert.True(status.StatusCode == (c.Invalid ? StatusCode.InvalidArgument : StatusCode.OK), $"{c.Request}: {status}");
        });
    }

    [Fact]
    public void Acknowledge_GeneratedTokens_OneResultPerToken_MalformedOrNotFound()
    {
        var tokens = Gen.Elements("{uuid}.1", "{uuid}.0", "{uuid}", "{uuid}.-1", "{uuid}.99999999999", ".1", "", "x.1", "{UUID}.1", "{uuid}.1.1", "\u00e9.1", "{uuid}. 1")
            .Select(t => t.Replace("{uuid}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{UUID}", Guid.NewGuid().ToString().ToUpperInvariant(), StringComparison.Ordinal));
        var requests = Gen.Frequency<string[]>((9, tokens.ListOf().Select(l => l.ToArray())), (1, tokens.ArrayOf(1001))).ToArbitrary();
        Check(requests, list =>
        {
            var request = new AcknowledgeRequest { DeliveryTokens = { list } };
            var (status, response, _) = RawRpc.Acknowledge.CallAsync(Node.Channel(Demo.Woonstichting), request.ToByteArray()).GetAwaiter().GetResult();
            if (list.Length is 0 or > 1000)
            {
                Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
                return;
            }

            Assert.Equal(StatusCode.OK, status.StatusCode);
            var results = AcknowledgeResponse.Parser.ParseFrom(response).Results;
            Assert.Equal(list, results.Select(r => r.DeliveryToken));
            Assert.All(results, r => Assert.True(r.Outcome is AcknowledgeOutcome.Malformed or AcknowledgeOutcome.NotFound, $"{r.DeliveryToken}: {r.Outcome}"));
            Assert.All(results.Where(r => r.DeliveryToken.EndsWith(".1", StringComparison.Ordinal) && r.DeliveryToken.Length == 38 && !r.DeliveryToken.Any(char.IsUpper)),
                r => Assert.Equal(AcknowledgeOutcome.NotFound, r.Outcome));
        });
    }

    [Fact]
    public void ExtendHandlingTerm_And_Directory_GeneratedRequests_AnsweredAsTheRulesPredict()
    {
        var extend =
            from id in Gen.Elements("{uuid}", "", "{UUID}", "x", "{uuid}{uuid}")
            from days in Gen.Elements(7, 14, 28, 0, 1, -7, 21, int.MaxValue, int.MinValue)
            select (Id: id.Replace("{uuid}", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("{UUID}", Guid.NewGuid().ToString().ToUpperInvariant(), StringComparison.Ordinal), Days: days);
        Check(extend.ToArbitrary(), c =>
        {
            var request = new ExtendHandlingTermRequest { MessageId = c.Id, Days = c.Days };
            var (status, _, _) = RawRpc.ExtendHandlingTerm.CallAsync(Node.Channel(Demo.Woonstichting), request.ToByteArray()).GetAwaiter().GetResult();
            var valid = c.Id.Length == 36 && !c.Id.Any(char.IsUpper) && c.Days is 7 or 14 or 28;

            // A well-formed id of nothing in the mailbox is NotFound.
            Assert.True(status.StatusCode == (valid ? StatusCode.NotFound : StatusCode.InvalidArgument), $"{request}: {status}");
        });

        var directory =
            from oin in Gen.Elements(Demo.Belasting, Demo.Suspended, "00000099000000000999", "", "123", new string('1', 21), "0000009900000000010x")
            from pageSize in Gen.Elements(0, 1, 1000, 1001, -1, int.MinValue)
            from role in Gen.Elements(0, 1, 2, 3, -1)
            from token in Gen.Elements("", Demo.Gemeente, "zzz", "\u00e9")
            select (Oin: oin, List: new ListParticipantsRequest { PageSize = pageSize, Role = (Role)role, PageToken = token });
        Check(directory.ToArbitrary(), c =>
        {
            var (get, _, _) = RawRpc.GetParticipant.CallAsync(Node.Channel(Demo.Gemeente), new GetParticipantRequest { Oin = c.Oin }.ToByteArray()).GetAwaiter().GetResult();
            var expectedGet = c.Oin.Length != 20 || !c.Oin.All(char.IsAsciiDigit) ? StatusCode.InvalidArgument
                : c.Oin == "00000099000000000999" ? StatusCode.NotFound : StatusCode.OK;
            Assert.True(get.StatusCode == expectedGet, $"GetParticipant '{c.Oin}': {get}");

            var (list, _, _) = RawRpc.ListParticipants.CallAsync(Node.Channel(Demo.Gemeente), c.List.ToByteArray()).GetAwaiter().GetResult();
            Assert.True(list.StatusCode == (c.List.PageSize is < 0 or > 1000 ? StatusCode.InvalidArgument : StatusCode.OK), $"{c.List}: {list}");
        });
    }

    /// <summary>Cases the properties found, kept as plain examples so they never depend on a seed.</summary>
    [Fact]
    public async Task FoundByProperties_HeartbeatNanosOutOfRange_And_UndefinedTrailDirection_InvalidArgument()
    {
        // A Duration's nanos must be below one second; the node turned this into an unhandled exception.
        var fetch = new FetchPendingRequest { HeartbeatInterval = new Duration { Seconds = 5, Nanos = 1_000_000_000 } };

        // An enum number the contract does not define; the store refused it with an exception.
        var trail = new ListTrailRequest { Direction = (TrailDirection)3 };

        var (fetched, _, _) = await RawRpc.FetchPending.CallAsync(Node.Channel(Demo.Kredietbank), fetch.ToByteArray());
        var (listed, _, listedTrailers) = await RawRpc.ListTrail.CallAsync(Node.Channel(Demo.Gemeente), trail.ToByteArray());

        Assert.Equal(StatusCode.InvalidArgument, fetched.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, listed.StatusCode);
        Assert.Equal(["direction"], ViolatedFields(listed, listedTrailers));
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(1001)]
    public async Task Acknowledge_TooManyTokens_Refused(int count)
    {
        var request = new AcknowledgeRequest { DeliveryTokens = { Enumerable.Range(0, count).Select(_ => Guid.NewGuid() + ".1") } };

        var (status, _, _) = await RawRpc.Acknowledge.CallAsync(Node.Channel(Demo.Woonstichting), request.ToByteArray());

        // 100,000 tokens are 4 MB, past this node's message limit (content limit + 64 KiB): the
        // transport refuses them before they are read.
        Assert.Equal(request.CalculateSize() > 2 * FuzzNode.MaxSealedContentBytes ? StatusCode.ResourceExhausted : StatusCode.InvalidArgument, status.StatusCode);
    }

    [Fact]
    public async Task BatchSend_501Sends_InvalidArgumentAndNothingStored()
    {
        // Arrange
        var request = new BatchSendRequest();
        request.Requests.AddRange(Enumerable.Range(0, 501).Select(_ => new SendRequest { Envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting) }));

        // Act
        var (status, _, _) = await RawRpc.BatchSend.CallAsync(Node.Channel(Demo.Gemeente), request.ToByteArray());

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        foreach (var item in request.Requests)
        {
            Assert.Null(await Node.Store.FindAsync(item.Envelope.MessageId, CancellationToken.None));
        }
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public async Task FetchPendingAndListTrail_HugeTypeLists_Answered(int count)
    {
        // Repeated enums are packed: a million types is a few megabytes, within the transport's limit.
        var types = Enumerable.Range(0, count).Select(i => (BerichtType)(i % 20));
        var fetch = new FetchPendingRequest { BerichtTypes = { types } };
        var trail = new ListTrailRequest { BerichtTypes = { types } };

        var (fetched, _, _) = await RawRpc.FetchPending.CallAsync(Node.Channel(Demo.Kredietbank), fetch.ToByteArray(), TimeSpan.FromSeconds(20));
        var (listed, _, _) = await RawRpc.ListTrail.CallAsync(Node.Channel(Demo.Gemeente), trail.ToByteArray());

        Assert.Contains(fetched.StatusCode, new[] { StatusCode.OK, StatusCode.ResourceExhausted });
        Assert.Contains(listed.StatusCode, new[] { StatusCode.OK, StatusCode.InvalidArgument, StatusCode.ResourceExhausted });
    }

    private static bool ValidTime(Timestamp? timestamp) =>
        timestamp is null || (timestamp.Seconds is >= -62_135_596_800 and <= 253_402_300_799 && timestamp.Nanos is >= 0 and < 1_000_000_000);

    private static List<string> ViolatedFields(Status status, Metadata trailers)
    {
        var rich = new RpcException(status, trailers).GetRpcStatus();
        return rich?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).Distinct().ToList() ?? [];
    }

    /// <summary>Runs a property with the run's seed (printed) and iteration count; a failure names the seed and the shrunk case.</summary>
    private void Check<T>(Arbitrary<T> arbitrary, Action<T> property)
    {
        var seed = FuzzSettings.Seed;
        output.WriteLine($"FsCheck seed {seed} (replay with SKN_FUZZ_SEED={seed}), {FuzzSettings.Iterations} cases.");
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(FuzzSettings.Iterations)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd((ulong)seed), FSharpOption<int>.None)));
        var failures = new List<string>();
        try
        {
            Prop.ForAll(arbitrary, (T value) =>
            {
                try
                {
                    property(value);
                }
                catch (Exception ex)
                {
                    // FsCheck reports the case but not the assertion's message: keep it.
                    failures.Add(ex.Message);
                    throw;
                }
            }).Check(config);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"Seed {seed}: {ex.Message}\nAssertion (last shrink first):\n{string.Join("\n", failures.AsEnumerable().Reverse().Take(3))}");
        }
    }
}
