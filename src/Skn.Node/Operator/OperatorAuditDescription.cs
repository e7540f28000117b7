using Skn.Node.Registry;
using Skn.V1;

namespace Skn.Node.Operator;

/// <summary>
/// What an operator request asked, in words for the audit log: the participant it is about and the
/// values it set or the filters it used. Certificates are named by thumbprint, never copied in.
/// </summary>
internal static class OperatorAuditDescription
{
    public static (string ParticipantOin, string Details) Describe(object request) => request switch
    {
        RegisterParticipantRequest r => (r.Participant?.Oin ?? "", r.Participant is null ? "" : DescribeParticipant(r.Participant, null)),
        UpdateParticipantRequest r => (r.Participant?.Oin ?? "", r.Participant is null ? "" : DescribeParticipant(r.Participant, r.UpdateMask?.Paths)),
        SuspendParticipantRequest r => (r.Oin, Reason(r.Reason) ?? ""),
        ReinstateParticipantRequest r => (r.Oin, Reason(r.Reason) ?? ""),
        ListTrafficRequest r => (r.ParticipantOin, Join(
            r.BerichtTypes.Count > 0 ? "types: " + string.Join(", ", r.BerichtTypes) : null,
            r.States.Count > 0 ? "states: " + string.Join(", ", r.States) : null,
            r.StartTime is null ? null : $"from {r.StartTime.ToDateTimeOffset():O}",
            r.EndTime is null ? null : $"to {r.EndTime.ToDateTimeOffset():O}",
            r.PageToken.Length > 0 ? "next page" : null)),
        ListParticipantFiguresRequest r => (r.ParticipantOin, ""),
        ListRegisteredParticipantsRequest r => ("", r.State == ParticipantState.Unspecified ? "" : "state: " + r.State),
        _ => ("", ""),
    };

    private static string DescribeParticipant(Participant participant, IEnumerable<string>? paths)
    {
        var wanted = paths?.ToHashSet(StringComparer.Ordinal);
        bool Show(string field) => wanted is null || wanted.Contains(field);
        return Join(
            wanted is null ? null : "update_mask: " + string.Join(", ", wanted.Order(StringComparer.Ordinal)),
            Show("name") ? $"name: {participant.Name}" : null,
            Show("kvk_nummer") && participant.KvkNummer.Length > 0 ? $"kvk_nummer: {participant.KvkNummer}" : null,
            Show("role") ? $"role: {RegistryLoader.ToUpperSnake(participant.Role.ToString())}" : null,
            Show("attributes") ? "attributes: " + string.Join(", ", participant.Attributes.Select(a => RegistryLoader.ToUpperSnake(a.ToString()))) : null,
            Show("certificates") ? $"certificates: {participant.Certificates.Count}" : null);
    }

    private static string? Reason(string reason) => reason.Length == 0 ? null : "reason: " + reason;

    private static string Join(params string?[] parts) => string.Join("; ", parts.Where(p => p is not null));
}
