using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Skn.Contracts.Tests;

/// <summary>
/// Fills every field of a message with a non-default value, recursively, so that a round trip
/// proves every field survives encoding. Values differ per field (a running counter) so that two
/// fields swapped by mistake would not compare equal.
/// </summary>
internal sealed class MessagePopulator
{
    private const int MaxDepth = 8;
    private int _counter;

    public T Populate<T>(T message) where T : IMessage
    {
        Fill(message, 0);
        return message;
    }

    private void Fill(IMessage message, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"{message.Descriptor.FullName} nests deeper than {MaxDepth}: a cycle?");
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            // In a oneof only one case can be set; the last one wins, and the tests that need every
            // case (the content document) populate each case on its own.
            if (field.RealContainingOneof is not null && field != field.RealContainingOneof.Fields[^1])
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                list.Add(NewValue(field, depth));
                list.Add(NewValue(field, depth));
            }
            else
            {
                field.Accessor.SetValue(message, NewValue(field, depth));
            }
        }
    }

    private object NewValue(FieldDescriptor field, int depth)
    {
        var n = ++_counter;
        return field.FieldType switch
        {
            FieldType.String => $"{field.Name}-{n}-ëij",
            FieldType.Bytes => ByteString.CopyFrom(BitConverter.GetBytes(n)),
            FieldType.Bool => true,
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => n,
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => 1_000_000_000_000L + n,
            FieldType.UInt32 or FieldType.Fixed32 => (uint)n,
            FieldType.UInt64 or FieldType.Fixed64 => (ulong)n,
            FieldType.Double => n + 0.5,
            FieldType.Float => n + 0.5f,
            FieldType.Enum => field.EnumType.Values[1 + (n % (field.EnumType.Values.Count - 1))].Number,
            FieldType.Message => NewMessage(field, depth),
            _ => throw new NotSupportedException($"{field.FullName}: {field.FieldType}"),
        };
    }

    private IMessage NewMessage(FieldDescriptor field, int depth)
    {
        var child = field.MessageType.Parser.ParseFrom(ByteString.Empty);
        if (field.MessageType.FullName == "google.protobuf.Timestamp")
        {
            return Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(
                new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero).AddSeconds(++_counter));
        }

        if (field.MessageType.FullName == "google.protobuf.Duration")
        {
            return Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(++_counter));
        }

        Fill(child, depth + 1);
        return child;
    }
}
