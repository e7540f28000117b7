using System.Text;
using Google.Protobuf.Reflection;
using Skn.Cli.Errors;
using Skn.Contracts.Rules;
using Skn.V1;

namespace Skn.Cli.Berichten;

/// <summary>
/// The bericht names of the command line (kebab-case of the message name: saldoverzoek,
/// betaalvoorstel-antwoord-niet-akkoord), derived from the contract's descriptors so a bericht added
/// to the contract is usable without touching the tool.
/// </summary>
internal static class BerichtCatalog
{
    private static readonly IReadOnlyList<BerichtProtocolRule> Rules = BerichtRules.Contract.All;

    private static readonly Dictionary<string, BerichtProtocolRule> ByName =
        Rules.ToDictionary(r => KebabCase(r.Message.Name), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every bericht name, in type order.</summary>
    public static IEnumerable<string> Names => Rules.Select(r => KebabCase(r.Message.Name));

    /// <summary>The rule (type, message descriptor) of the bericht called <paramref name="name"/>.</summary>
    /// <exception cref="UsageException">No bericht has that name; the message lists the known names.</exception>
    public static BerichtProtocolRule Find(string name) =>
        ByName.TryGetValue(name.Trim(), out var rule)
            ? rule
            : throw new UsageException($"unknown bericht '{name}'; known berichten: {string.Join(", ", Names)}");

    /// <summary>The command-line name of <paramref name="type"/>, or the enum's name for a type the contract does not know.</summary>
    public static string NameOf(BerichtType type) =>
        BerichtRules.Contract.TryGet(type, out var rule) ? KebabCase(rule.Message.Name) : type.ToString();

    /// <summary>The message descriptor of <paramref name="name"/>.</summary>
    public static MessageDescriptor DescriptorOf(string name) => Find(name).Message;

    /// <summary>SaldoverzoekAntwoordVoorafAkkoord → saldoverzoek-antwoord-vooraf-akkoord.</summary>
    public static string KebabCase(string messageName)
    {
        var builder = new StringBuilder(messageName.Length + 8);
        for (var i = 0; i < messageName.Length; i++)
        {
            var c = messageName[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
