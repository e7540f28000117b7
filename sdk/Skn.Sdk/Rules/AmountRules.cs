using System.Collections;
using Google.Protobuf.Reflection;

namespace Skn.Sdk.Rules;

/// <summary>
/// The range rules for money and percentages (DOMAIN-REFERENCE §2.3 rule 5). The contract's naming
/// convention carries the unit: <c>*_cent</c> is an amount in euro cents and <c>*_bp</c> a percentage
/// in basis points. The rules follow the names through the descriptors, so an amount added to the
/// contract later is covered without touching this file.
/// </summary>
internal static class AmountRules
{
    private const string CentSuffix = "_cent";
    private const string BasisPointSuffix = "_bp";
    private const int MaxBasisPoints = 10_000;

    public static void Check(RuleContext context)
    {
        foreach (var node in context.Nodes)
        {
            foreach (var field in node.Message.Descriptor.Fields.InDeclarationOrder())
            {
                if (field.FieldType == FieldType.Message || field.IsMap)
                {
                    continue;
                }

                if (field.Name.EndsWith(CentSuffix, StringComparison.Ordinal))
                {
                    foreach (var (path, value) in Values(node, field))
                    {
                        if (value < 0)
                        {
                            context.Violations.Add(path, $"must not be negative: amounts are whole euro cents, 0 or more (got {value}).");
                        }
                    }
                }
                else if (field.Name.EndsWith(BasisPointSuffix, StringComparison.Ordinal))
                {
                    foreach (var (path, value) in Values(node, field))
                    {
                        if (value is < 0 or > MaxBasisPoints)
                        {
                            context.Violations.Add(path, $"must be between 0 and {MaxBasisPoints} basis points (0 % to 100 %; 12.34 % is 1234), got {value}.");
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The integer values of a scalar field with their paths: one for a singular field, one per item
    /// for a repeated one. An unset field (proto3 optional, or another member of its oneof) reads as 0,
    /// which is in range for both units, so no presence check is needed.
    /// </summary>
    private static IEnumerable<(string Path, long Value)> Values(MessageNode node, FieldDescriptor field)
    {
        var value = field.Accessor.GetValue(node.Message);
        if (field.IsRepeated)
        {
            var items = (IList)value;
            for (var i = 0; i < items.Count; i++)
            {
                if (AsInteger(items[i]) is { } item)
                {
                    yield return (FieldPath.Item(node.Path, field.Name, i), item);
                }
            }
        }
        else if (AsInteger(value) is { } single)
        {
            yield return (FieldPath.Child(node.Path, field.Name), single);
        }
    }

    // Amounts are int64 and basis points int32 in the contract; anything else with such a name (a
    // string, say) is not a number this rule can judge.
    private static long? AsInteger(object? value) => value switch
    {
        long l => l,
        int i => i,
        _ => null,
    };
}
