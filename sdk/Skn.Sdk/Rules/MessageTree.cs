using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Skn.Sdk.Rules;

/// <summary>One message inside a bericht, with where it sits.</summary>
/// <param name="Path">The field path of the message, for example <c>betaalvoorstel.vorderingen[0]</c>.</param>
/// <param name="FieldName">The snake_case name of the field that holds it (without an index).</param>
/// <param name="Message">The message itself.</param>
internal readonly record struct MessageNode(string Path, string FieldName, IMessage Message);

/// <summary>
/// Walks a bericht through the protobuf descriptors, so that rules that hold for a building block
/// wherever it appears (every amount, every date, every Bijlage, every Persoon) cannot miss one that a
/// later version of the contract nests somewhere new.
/// </summary>
internal static class MessageTree
{
    /// <summary>
    /// The message at <paramref name="path"/> and every message it holds that is set, depth first in
    /// field declaration order. Unset singular message fields (null in the generated code) are skipped:
    /// only what the sender actually put in is checked.
    /// </summary>
    public static IReadOnlyList<MessageNode> Walk(IMessage root, string path)
    {
        var nodes = new List<MessageNode>();
        Visit(new MessageNode(path, path, root), nodes);
        return nodes;
    }

    private static void Visit(MessageNode node, List<MessageNode> nodes)
    {
        nodes.Add(node);
        foreach (var field in node.Message.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.IsMap)
            {
                // No bericht has a map today; walking the values keeps a future one covered.
                var valueField = field.MessageType.FindFieldByNumber(2);
                if (valueField.FieldType != FieldType.Message)
                {
                    continue;
                }

                foreach (DictionaryEntry entry in (IDictionary)field.Accessor.GetValue(node.Message))
                {
                    if (entry.Value is IMessage value)
                    {
                        Visit(new MessageNode(FieldPath.Entry(node.Path, field.Name, entry.Key), field.Name, value), nodes);
                    }
                }
            }
            else if (field.FieldType != FieldType.Message)
            {
                continue;
            }
            else if (field.IsRepeated)
            {
                var items = (IList)field.Accessor.GetValue(node.Message);
                for (var i = 0; i < items.Count; i++)
                {
                    Visit(new MessageNode(FieldPath.Item(node.Path, field.Name, i), field.Name, (IMessage)items[i]!), nodes);
                }
            }
            else if (field.Accessor.GetValue(node.Message) is IMessage child)
            {
                Visit(new MessageNode(FieldPath.Child(node.Path, field.Name), field.Name, child), nodes);
            }
        }
    }
}
