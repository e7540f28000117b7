using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using Skn.V1;

namespace Skn.Contracts.Rules;

/// <summary>
/// The protocol rules of every bericht, read once from the contract's descriptors: the
/// <see cref="Content"/> oneof names every bericht message, and each message carries its rules as the
/// <c>(skn.v1.bericht)</c> option. This is the only place in .NET where the rules come from, so the
/// node and the SDK cannot drift from the contract.
/// </summary>
public sealed class BerichtRules
{
    private const string BerichtOneofName = "bericht";

    private readonly FrozenDictionary<BerichtType, BerichtProtocolRule> _byType;
    private readonly FrozenDictionary<int, BerichtProtocolRule> _byContentField;

    private BerichtRules(IEnumerable<BerichtProtocolRule> rules)
    {
        var list = rules.ToList();
        _byType = list.ToFrozenDictionary(r => r.Type);
        _byContentField = list.ToFrozenDictionary(r => r.ContentField.FieldNumber);
    }

    /// <summary>The rules of the contract this assembly was generated from.</summary>
    public static BerichtRules Contract { get; } = FromDescriptor(Content.Descriptor);

    /// <summary>All rules, ordered by type number.</summary>
    public IReadOnlyList<BerichtProtocolRule> All => _byType.Values.OrderBy(r => r.Type).ToList();

    /// <summary>Gets the rules of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The type has no bericht (for example Unspecified).</exception>
    public BerichtProtocolRule For(BerichtType type) =>
        _byType.TryGetValue(type, out var rule)
            ? rule
            : throw new ArgumentOutOfRangeException(nameof(type), type, "No bericht is declared for this type.");

    /// <summary>Gets the rules of <paramref name="type"/> when the contract declares a bericht for it.</summary>
    public bool TryGet(BerichtType type, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out BerichtProtocolRule rule) =>
        _byType.TryGetValue(type, out rule);

    /// <summary>Gets the rules of the bericht a <see cref="Content"/> document carries.</summary>
    /// <exception cref="ArgumentException">The content carries no bericht.</exception>
    public BerichtProtocolRule ForContent(Content content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var number = (int)content.BerichtCase;
        return _byContentField.TryGetValue(number, out var rule)
            ? rule
            : throw new ArgumentException("The content carries no bericht.", nameof(content));
    }

    /// <summary>
    /// Reads the rules from a content message descriptor. Public so that tests and tools can check a
    /// descriptor that did not come from this assembly (for example one fetched by reflection).
    /// </summary>
    /// <exception cref="InvalidOperationException">The descriptor breaks the contract's conventions.</exception>
    public static BerichtRules FromDescriptor(MessageDescriptor content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var oneof = content.Oneofs.SingleOrDefault(o => o.Name == BerichtOneofName)
            ?? throw new InvalidOperationException($"{content.FullName} has no oneof '{BerichtOneofName}'.");

        var rules = new List<BerichtProtocolRule>();
        foreach (var field in oneof.Fields)
        {
            var message = field.MessageType
                ?? throw new InvalidOperationException($"{field.FullName} is not a message field.");
            var option = message.GetOptions()?.GetExtension(RulesExtensions.Bericht)
                ?? throw new InvalidOperationException($"{message.FullName} has no (skn.v1.bericht) option.");
            if (option.Type == BerichtType.Unspecified || option.SenderRole == Role.Unspecified)
            {
                throw new InvalidOperationException($"{message.FullName} declares no type or sender role.");
            }

            rules.Add(new BerichtProtocolRule(
                option.Type,
                option.SenderRole,
                option.Answers.ToFrozenSet(),
                option.StartsConversation,
                option.ReplyDueWorkingDays,
                message,
                field));
        }

        var duplicate = rules.GroupBy(r => r.Type).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Type {duplicate.Key} is declared by more than one bericht.");
        }

        return new BerichtRules(rules);
    }
}
