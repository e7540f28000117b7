using Google.Protobuf;
using Skn.V1;

namespace Skn.Sdk.Rules;

/// <summary>
/// Everything one check of one bericht needs: the bericht and its path, all messages inside it, who
/// receives it, the date to judge "in the future" by, and where violations go.
/// </summary>
internal sealed class RuleContext
{
    private readonly IReadOnlySet<ParticipantAttribute> _recipientAttributes;

    public RuleContext(Content content, IMessage bericht, string path, IReadOnlySet<ParticipantAttribute> recipientAttributes, DateOnly today)
    {
        Content = content;
        Path = path;
        Nodes = MessageTree.Walk(bericht, path);
        _recipientAttributes = recipientAttributes;
        Today = today;
    }

    /// <summary>The content document being checked.</summary>
    public Content Content { get; }

    /// <summary>The path of the bericht: its field name in <c>Content</c>, for example <c>saldoverzoek</c>.</summary>
    public string Path { get; }

    /// <summary>The bericht and every message set inside it.</summary>
    public IReadOnlyList<MessageNode> Nodes { get; }

    /// <summary>The recipient's calendar date today.</summary>
    public DateOnly Today { get; }

    /// <summary>Where the rules report what they find.</summary>
    public ViolationCollector Violations { get; } = new();

    /// <summary>Whether the recipient has the Publiek attribute (it receives the BSN).</summary>
    public bool RecipientIsPubliek => _recipientAttributes.Contains(ParticipantAttribute.Publiek);

    /// <summary>Whether the recipient has the Nuts attribute (it needs meter readings).</summary>
    public bool RecipientIsNuts => _recipientAttributes.Contains(ParticipantAttribute.Nuts);

    /// <summary>Whether the recipient has the VTLB verplicht attribute (it needs the VTLB as a PDF).</summary>
    public bool RecipientRequiresVtlb => _recipientAttributes.Contains(ParticipantAttribute.VtlbVerplicht);

    /// <summary>Every message of type <typeparamref name="T"/> anywhere in the bericht, with its path.</summary>
    public IEnumerable<(string Path, T Message)> All<T>()
        where T : class, IMessage
    {
        foreach (var node in Nodes)
        {
            if (node.Message is T message)
            {
                yield return (node.Path, message);
            }
        }
    }
}
