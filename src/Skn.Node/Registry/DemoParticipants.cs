using Skn.V1;

namespace Skn.Node.Registry;

/// <summary>
/// The demo set written on first start: a few debt counsellors and creditors with different
/// attributes, so every content rule can be tried. Test OINs (prefix 00000099), fictitious names.
/// </summary>
internal static class DemoParticipants
{
    public static IReadOnlyList<(string Oin, string Name, Role Role, ParticipantAttribute[] Attributes, ParticipantState State)> All { get; } =
    [
        ("00000099000000000101", "Gemeente Voorbeeldstad", Role.Shv, [], ParticipantState.Active),
        ("00000099000000000102", "Kredietbank Rivierenland", Role.Shv, [], ParticipantState.Active),
        ("00000099000000000201", "Woonstichting De Sleutel", Role.Se, [ParticipantAttribute.VerlengenAfhandeltermijn], ParticipantState.Active),
        ("00000099000000000202", "Energie Noord", Role.Se, [ParticipantAttribute.Nuts], ParticipantState.Active),
        ("00000099000000000203", "Belastingsamenwerking West", Role.Se, [ParticipantAttribute.Publiek, ParticipantAttribute.VtlbVerplicht, ParticipantAttribute.VerlengenAfhandeltermijn], ParticipantState.Active),
        ("00000099000000000204", "Incassobureau Gesloten", Role.Se, [], ParticipantState.Suspended),
    ];

    /// <summary>The demo operator (beheerder), so the first start gives a working OperatorService caller.</summary>
    public static (string Oin, string Name) Operator { get; } = ("00000099000000000901", "Beheer Skn-knooppunt");
}
