using Google.Protobuf;
using Grpc.Core;
using Skn.Node.Registry;
using Skn.Node.Transport.Errors;
using Skn.V1;

namespace Skn.Node.Transport;

/// <summary>The directory: participants with role, attributes, state and public certificates, from the registry.</summary>
internal sealed class DirectoryGrpcService(ParticipantRegistry registry) : DirectoryService.DirectoryServiceBase
{
    public override Task<ListParticipantsResponse> ListParticipants(ListParticipantsRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > 1000)
        {
            RpcErrors.ThrowInvalid([("page_size", "must be between 0 (default 100) and 1000.")]);
        }

        var pageSize = request.PageSize == 0 ? 100 : request.PageSize;
        var page = registry.Participants.Values
            .Where(p => request.Role == Role.Unspecified || p.Role == request.Role)
            .Where(p => string.CompareOrdinal(p.Oin, request.PageToken) > 0)
            .OrderBy(p => p.Oin, StringComparer.Ordinal)
            .Take(pageSize + 1)
            .ToList();
        var response = new ListParticipantsResponse();
        response.Participants.AddRange(page.Take(pageSize).Select(ToContract));
        response.NextPageToken = page.Count > pageSize ? page[pageSize - 1].Oin : "";
        return Task.FromResult(response);
    }

    public override Task<GetParticipantResponse> GetParticipant(GetParticipantRequest request, ServerCallContext context)
    {
        if (!Domain.Identifiers.Oin.IsValid(request.Oin))
        {
            RpcErrors.ThrowInvalid([("oin", "must be an OIN of 20 digits.")]);
        }

        var participant = registry.Find(request.Oin)
            ?? throw RpcErrors.Create(StatusCode.NotFound, ErrorReason.RecipientUnknown, $"No participant has OIN {request.Oin}.", [("oin", "is not a registered participant.")]);
        return Task.FromResult(new GetParticipantResponse { Participant = ToContract(participant) });
    }

    internal static Participant ToContract(RegisteredParticipant participant)
    {
        var result = new Participant
        {
            Oin = participant.Oin,
            KvkNummer = participant.KvkNummer,
            Name = participant.Name,
            Role = participant.Role,
            State = participant.State,
        };
        result.Attributes.AddRange(participant.Attributes.Order());
        foreach (var (certificate, uses) in participant.Certificates)
        {
            var entry = new ParticipantCertificate { Der = ByteString.CopyFrom(certificate.RawData) };
            entry.Uses.AddRange(uses.Order());
            result.Certificates.Add(entry);
        }

        return result;
    }
}
