using Google.Protobuf;
using Skn.V1;

namespace Skn.Contracts.Rules;

/// <summary>Helpers to put a typed bericht into a <see cref="Content"/> document and take it out.</summary>
public static class ContentExtensions
{
    /// <summary>Gets the bericht a content document carries, or null when it carries none.</summary>
    public static IMessage? GetBericht(this Content content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.BerichtCase == Content.BerichtOneofCase.None)
        {
            return null;
        }

        var field = Content.Descriptor.FindFieldByNumber((int)content.BerichtCase);
        return (IMessage)field.Accessor.GetValue(content);
    }

    /// <summary>Sets the bericht of a content document, replacing any other.</summary>
    /// <exception cref="ArgumentException">The message is not one of the berichten.</exception>
    public static Content SetBericht(this Content content, IMessage bericht)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(bericht);
        var field = Content.Descriptor.Oneofs.Single(o => o.Name == "bericht").Fields
            .SingleOrDefault(f => f.MessageType == bericht.Descriptor)
            ?? throw new ArgumentException($"{bericht.Descriptor.FullName} is not a bericht.", nameof(bericht));
        field.Accessor.SetValue(content, bericht);
        return content;
    }

    /// <summary>The bericht type of a typed bericht message, from its <c>(skn.v1.bericht)</c> option.</summary>
    /// <exception cref="ArgumentException">The message is not one of the berichten.</exception>
    public static BerichtType GetBerichtType(this IMessage bericht)
    {
        ArgumentNullException.ThrowIfNull(bericht);
        var option = bericht.Descriptor.GetOptions()?.GetExtension(RulesExtensions.Bericht);
        return option is null || option.Type == BerichtType.Unspecified
            ? throw new ArgumentException($"{bericht.Descriptor.FullName} is not a bericht.", nameof(bericht))
            : option.Type;
    }
}
