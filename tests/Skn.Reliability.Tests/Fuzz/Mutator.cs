using Google.Protobuf;

namespace Skn.Reliability.Tests.Fuzz;

/// <summary>
/// Makes bad protobuf from good: random bytes, bit flips, truncation, insertion, duplicated slices,
/// appended fields of any wire type (wrong lengths, invalid UTF-8, ten-byte varints), splices of two
/// requests and unknown groups nested thousands deep. Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class Mutator(Random random)
{
    public byte[] Next(IReadOnlyList<byte[]> seeds)
    {
        var bytes = seeds[random.Next(seeds.Count)];
        var rounds = random.Next(1, 4);
        for (var i = 0; i < rounds; i++)
        {
            bytes = MutateOnce(bytes, seeds);
        }

        return bytes;
    }

    /// <summary>Unknown start-group tags nested <paramref name="depth"/> deep around <paramref name="inner"/>: the parser must refuse or skip it, never overflow.</summary>
    public static byte[] NestedGroups(byte[] inner, int depth, int fieldNumber = 99)
    {
        using var stream = new MemoryStream();
        stream.Write(inner);
        var output = new CodedOutputStream(stream);
        for (var i = 0; i < depth; i++)
        {
            output.WriteTag(fieldNumber, WireFormat.WireType.StartGroup);
        }

        for (var i = 0; i < depth; i++)
        {
            output.WriteTag(fieldNumber, WireFormat.WireType.EndGroup);
        }

        output.Flush();
        return stream.ToArray();
    }

    /// <summary>A length-delimited field <paramref name="fieldNumber"/> holding <paramref name="payload"/> as is (no UTF-8 check).</summary>
    public static byte[] RawField(int fieldNumber, ReadOnlySpan<byte> payload)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(fieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteLength(payload.Length);
        output.Flush();
        stream.Write(payload);
        return stream.ToArray();
    }

    private byte[] MutateOnce(byte[] input, IReadOnlyList<byte[]> seeds)
    {
        var bytes = input.ToList();
        switch (random.Next(10))
        {
            case 0:
                return RandomBytes(random.Next(0, 300));
            case 1:
                for (var i = random.Next(1, 9); i > 0 && bytes.Count > 0; i--)
                {
                    var at = random.Next(bytes.Count);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }

                return [.. bytes];
            case 2:
                byte[] special = [0x00, 0xFF, 0x80, 0x7F, 0x0A, 0x12, 0x08];
                for (var i = random.Next(1, 5); i > 0 && bytes.Count > 0; i--)
                {
                    bytes[random.Next(bytes.Count)] = special[random.Next(special.Length)];
                }

                return [.. bytes];
            case 3:
                return [.. bytes.Take(random.Next(bytes.Count + 1))];
            case 4:
                bytes.InsertRange(random.Next(bytes.Count + 1), RandomBytes(random.Next(1, 16)));
                return [.. bytes];
            case 5:
                if (bytes.Count > 0)
                {
                    var start = random.Next(bytes.Count);
                    var slice = bytes.Skip(start).Take(random.Next(1, 32)).ToList();
                    bytes.InsertRange(random.Next(bytes.Count + 1), slice);
                }

                return [.. bytes];
            case 6:
                return [.. bytes, .. RandomField()];
            case 7:
                var other = seeds[random.Next(seeds.Count)];
                return [.. bytes.Take(random.Next(bytes.Count + 1)), .. other.Skip(random.Next(other.Length + 1))];
            case 8:
                return NestedGroups([.. bytes], random.Next(1, 4) switch { 1 => 50, 2 => 150, _ => 5000 }, random.Next(1, 30));
            default:
                // A known field number with a payload of the wrong kind or an invalid string.
                return [.. bytes, .. RawField(random.Next(1, 17), InvalidUtf8())];
        }
    }

    private byte[] RandomField()
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        var field = random.Next(4) == 0 ? random.Next(1, 536_870_911) : random.Next(1, 20);
        var wireType = (WireFormat.WireType)random.Next(8);
        // Any wire type, also a stray group start or end, and the undefined types 6 and 7.
        output.WriteTag(field, wireType);
        switch (wireType)
        {
            case WireFormat.WireType.Varint:
                output.WriteUInt64(random.Next(2) == 0 ? ulong.MaxValue : (ulong)random.NextInt64());
                break;
            case WireFormat.WireType.Fixed64:
                output.WriteFixed64((ulong)random.NextInt64());
                break;
            case WireFormat.WireType.Fixed32:
                output.WriteFixed32((uint)random.Next());
                break;
            case WireFormat.WireType.LengthDelimited:
                // Sometimes a length that runs past the end of the message.
                var payload = random.Next(2) == 0 ? InvalidUtf8() : RandomBytes(random.Next(0, 40));
                output.WriteLength(random.Next(4) == 0 ? payload.Length + random.Next(1, 1_000_000) : payload.Length);
                output.Flush();
                stream.Write(payload);
                break;
            default:
                output.Flush();
                stream.Write(RandomBytes(random.Next(0, 8)));
                break;
        }

        output.Flush();
        return stream.ToArray();
    }

    private byte[] InvalidUtf8() => random.Next(4) switch
    {
        0 => [0xC3, 0x28],
        1 => [0xFF, 0xFE, 0xFD],
        2 => [0xED, 0xA0, 0x80],
        _ => [0x61, 0xE2, 0x82],
    };

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
