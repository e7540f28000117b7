using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Skn.V1;
using Xunit.Abstractions;

namespace Skn.Reliability.Tests.Fuzz;

/// <summary>
/// Random and mutated protobuf bytes at every RPC of the exchange and the directory, through the
/// real transport: every answer is a deliberate gRPC status (never Internal or Unknown, which mean an
/// exception nobody handled), the node stays up, and a refused send leaves nothing behind.
/// </summary>
public sealed class RawFuzzTests(FuzzNode fixture, ITestOutputHelper output) : IClassFixture<FuzzNode>
{
    /// <summary>What a node may answer to bad input. Internal, Unknown, DataLoss and Unavailable are not among them.</summary>
    public static readonly HashSet<StatusCode> Acceptable =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.PermissionDenied, StatusCode.FailedPrecondition,
        StatusCode.ResourceExhausted, StatusCode.OutOfRange, StatusCode.AlreadyExists,
    ];

    private TestNode Node => fixture.Node;

    [Fact]
    public void RawRpcAll_ComparedWithTheContract_CoversEveryParticipantRpc()
    {
        // Arrange: a new RPC must not escape the fuzzing by being left out of the list.
        var contract = new[] { ExchangeService.Descriptor, DirectoryService.Descriptor }
            .SelectMany(service => service.Methods.Select(m => $"/{service.FullName}/{m.Name}"));

        // Act
        var fuzzed = RawRpc.All.Select(rpc => rpc.Path);

        // Assert
        Assert.Equal(contract.Order(), fuzzed.Order());
    }

    [Fact]
    public async Task MutatedRequests_EveryRpc_AnswerWithADeliberateStatus_AndNothingRefusedIsStored()
    {
        // Arrange
        var seed = FuzzSettings.Seed;
        output.WriteLine($"Raw fuzz: seed {seed} (replay with SKN_FUZZ_SEED={seed}), {FuzzSettings.Iterations} requests per RPC.");
        var random = new Random(seed);
        var mutator = new Mutator(random);
        var failures = new List<string>();
        var refusedMessageIds = new HashSet<string>(StringComparer.Ordinal);
        var storedMessageIds = new HashSet<string>(StringComparer.Ordinal);
        var tally = new Dictionary<StatusCode, int>();

        // Act
        foreach (var rpc in RawRpc.All)
        {
            var channel = Node.Channel(CallerOf(rpc));
            for (var i = 0; i < FuzzSettings.Iterations; i++)
            {
                var request = mutator.Next(Seeds(rpc));
                var (status, response, _) = await rpc.CallAsync(channel, request);
                tally[status.StatusCode] = tally.GetValueOrDefault(status.StatusCode) + 1;
                if (!Acceptable.Contains(status.StatusCode) && !IsOpenFollowStream(rpc, request, status))
                {
                    failures.Add($"{rpc.Path} #{i}: {status.StatusCode} \"{status.Detail}\" for {Convert.ToHexString(request.AsSpan(0, Math.Min(request.Length, 96)))}{(request.Length > 96 ? "..." : "")} ({request.Length} bytes)");
                }

                TrackSends(rpc, request, status, response, refusedMessageIds, storedMessageIds);
            }

            // The node is still up and serves a normal send.
            await Node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
        }

        // Assert
        output.WriteLine("Statuses: " + string.Join(", ", tally.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value}")));
        Assert.True(failures.Count == 0, $"Seed {seed}: {failures.Count} answers that are not a deliberate status:\n" + string.Join('\n', failures.Take(25)));
        foreach (var messageId in refusedMessageIds.Except(storedMessageIds))
        {
            Assert.Null(await Node.Store.FindAsync(messageId, CancellationToken.None));
        }

        Assert.True(tally.GetValueOrDefault(StatusCode.InvalidArgument) > 0, "No request was refused as invalid: the mutations did not reach the checks.");
    }

    [Theory]
    [InlineData("/skn.v1.ExchangeService/DeleteEverything")]
    [InlineData("/skn.v1.AdminService/Send")]
    [InlineData("/grpc.reflection.v1.ServerReflection/Nope")]
    public async Task UnknownMethod_Unimplemented(string path)
    {
        // Arrange
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var rpc = new RawRpc(parts[0], parts[1], MethodType.Unary);

        // Act
        var (status, _, _) = await rpc.CallAsync(Node.Channel(Demo.Gemeente), new SendRequest { Envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting) }.ToByteArray());

        // Assert
        Assert.Equal(StatusCode.Unimplemented, status.StatusCode);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public async Task DeeplyNestedUnknownGroups_EveryRpc_RefusedOrIgnored_NeverInternal(int depth)
    {
        // Arrange: a valid request with unknown groups nested `depth` deep appended (protobuf's
        // recursion limit is 100).
        var failures = new List<string>();

        // Act
        foreach (var rpc in RawRpc.All)
        {
            var request = Mutator.NestedGroups(Seeds(rpc)[0], depth);
            var (status, _, _) = await rpc.CallAsync(Node.Channel(CallerOf(rpc)), request);
            if (!Acceptable.Contains(status.StatusCode) && !IsOpenFollowStream(rpc, request, status))
            {
                failures.Add($"{rpc.Path}: {status.StatusCode} \"{status.Detail}\"");
            }
        }

        // Assert
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        await Node.Exchange(Demo.Gemeente).SendAsync(Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting));
    }

    /// <summary>Who calls each RPC: senders send, a participant with an empty mailbox fetches (so a drained stream ends at once).</summary>
    private static string CallerOf(RawRpc rpc) =>
        rpc == RawRpc.FetchPending ? Demo.Kredietbank
        : rpc == RawRpc.Acknowledge || rpc == RawRpc.ExtendHandlingTerm || rpc == RawRpc.ReleasePoisoned ? Demo.Woonstichting
        : Demo.Gemeente;

    /// <summary>Valid requests of each RPC to mutate; new message ids every time.</summary>
    private static List<byte[]> Seeds(RawRpc rpc)
    {
        IMessage[] messages = rpc.Name switch
        {
            "Send" =>
            [
                new SendRequest { Envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting) },
                new SendRequest { Envelope = WithRequestId(Demo.Envelope(BerichtType.Kennisgeving, Demo.Belasting)) },
                new SendRequest { Envelope = Demo.Envelope(BerichtType.Heroverweging, Demo.EnergieNoord, inReplyTo: Guid.NewGuid().ToString()) },
            ],
            "BatchSend" =>
            [
                new BatchSendRequest
                {
                    Requests =
                    {
                        new SendRequest { Envelope = Demo.Envelope(BerichtType.Saldoverzoek, Demo.Woonstichting) },
                        new SendRequest { Envelope = Demo.Envelope(BerichtType.Betaalvoorstel, Demo.EnergieNoord) },
                    },
                },
            ],
            "FetchPending" =>
            [
                new FetchPendingRequest { MaxInFlight = 4, BerichtTypes = { BerichtType.Saldoverzoek } },
                new FetchPendingRequest { Snapshot = true, MaxDeliveries = 3 },
                new FetchPendingRequest { Follow = true, HeartbeatInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) },
            ],
            "Acknowledge" =>
            [
                new AcknowledgeRequest { DeliveryTokens = { Guid.NewGuid() + ".1", Guid.NewGuid() + ".2" } },
            ],
            "ExtendHandlingTerm" => [new ExtendHandlingTermRequest { MessageId = Guid.NewGuid().ToString(), Days = 7 }],
            "ListTrail" =>
            [
                new ListTrailRequest
                {
                    PageSize = 5,
                    PageToken = "12",
                    Direction = TrailDirection.Sent,
                    StartTime = Timestamp.FromDateTimeOffset(TestNode.DefaultStart.AddDays(-1)),
                    EndTime = Timestamp.FromDateTimeOffset(TestNode.DefaultStart.AddDays(1)),
                    BerichtTypes = { BerichtType.Saldoverzoek },
                    CounterpartOin = Demo.Woonstichting,
                    ConversationId = Guid.NewGuid().ToString(),
                    States = { EnvelopeState.Poisoned, EnvelopeState.Pending },
                },
            ],
            "ReleasePoisoned" => [new ReleasePoisonedRequest { MessageIds = { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() } }],
            "ListParticipants" => [new ListParticipantsRequest { PageSize = 2, PageToken = Demo.Gemeente, Role = Role.Se }],
            _ => [new GetParticipantRequest { Oin = Demo.Belasting }],
        };
        return messages.Select(m => m.ToByteArray()).ToList();
    }

    private static Envelope WithRequestId(Envelope envelope)
    {
        envelope.RequestId = "fuzz-" + Guid.NewGuid().ToString("N");
        return envelope;
    }

    /// <summary>A follow stream stays open by design: the client's own cancellation ends it.</summary>
    private static bool IsOpenFollowStream(RawRpc rpc, byte[] request, Status status)
    {
        if (rpc != RawRpc.FetchPending || status.StatusCode != StatusCode.Cancelled)
        {
            return false;
        }

        try
        {
            return FetchPendingRequest.Parser.ParseFrom(request).Follow;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    /// <summary>Remembers the message ids of refused sends (they must not be stored) and of accepted ones.</summary>
    private static void TrackSends(RawRpc rpc, byte[] request, Status status, byte[]? response, HashSet<string> refused, HashSet<string> stored)
    {
        if (rpc != RawRpc.Send && rpc != RawRpc.BatchSend)
        {
            return;
        }

        List<string> messageIds;
        try
        {
            messageIds = rpc == RawRpc.Send ? [SendRequest.Parser.ParseFrom(request).Envelope?.MessageId ?? ""]
                : rpc == RawRpc.BatchSend ? BatchSendRequest.Parser.ParseFrom(request).Requests.Select(r => r.Envelope?.MessageId ?? "").ToList()
                : [];
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or System.Text.DecoderFallbackException)
        {
            // Our parser cannot read it either, so there is no message id to look for.
            return;
        }

        if (status.StatusCode != StatusCode.OK)
        {
            refused.UnionWith(messageIds.Where(id => id.Length > 0));
        }
        else if (rpc == RawRpc.Send)
        {
            stored.UnionWith(messageIds);
        }
        else
        {
            // A batch answered OK has a result per item: the refused items must not be stored.
            var results = BatchSendResponse.Parser.ParseFrom(response).Results;
            for (var i = 0; i < results.Count && i < messageIds.Count; i++)
            {
                (results[i].Envelope is not null ? stored : refused).Add(messageIds[i]);
            }
        }
    }
}
