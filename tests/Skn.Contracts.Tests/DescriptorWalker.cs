using Google.Protobuf.Reflection;

namespace Skn.Contracts.Tests;

/// <summary>Finds every field reachable from a message, for tests that check a message is fully populated.</summary>
internal static class DescriptorWalker
{
    public static IEnumerable<string> UnsetFields(Google.Protobuf.IMessage message, string path = "")
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var name = path + field.Name;
            var value = field.Accessor.GetValue(message);
            if (field.RealContainingOneof is not null)
            {
                // Only the set case of a oneof can hold a value.
                if (field.RealContainingOneof.Accessor.GetCaseFieldDescriptor(message) != field)
                {
                    continue;
                }
            }

            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)value;
                if (list.Count == 0)
                {
                    yield return name;
                }
                else if (field.FieldType == FieldType.Message)
                {
                    foreach (var unset in UnsetFields((Google.Protobuf.IMessage)list[0]!, name + "[0].").ToList())
                    {
                        yield return unset;
                    }
                }

                continue;
            }

            if (field.FieldType == FieldType.Message)
            {
                if (value is null)
                {
                    yield return name;
                }
                else if (!field.MessageType.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal))
                {
                    foreach (var unset in UnsetFields((Google.Protobuf.IMessage)value, name + ".").ToList())
                    {
                        yield return unset;
                    }
                }

                continue;
            }

            if (field.HasPresence ? !field.Accessor.HasValue(message) : value is null || value.Equals(DefaultOf(field)))
            {
                yield return name;
            }
        }
    }

    private static object? DefaultOf(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.String => string.Empty,
        FieldType.Bytes => Google.Protobuf.ByteString.Empty,
        FieldType.Bool => false,
        FieldType.Enum => 0,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => 0,
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => 0L,
        _ => null,
    };
}
