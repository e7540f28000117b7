using System.Text.RegularExpressions;
using Google.Protobuf.Reflection;
using Skn.V1;

namespace Skn.Sdk.Tests.Rules;

/// <summary>
/// Resolves a violation's field path against the contract's descriptors, so a test can prove the
/// rules name real proto fields (snake_case, the right nesting, <c>[i]</c> only on repeated fields).
/// </summary>
internal static partial class ProtoFieldPath
{
    /// <summary>Whether <paramref name="path"/> names a field reachable from <see cref="Content"/>.</summary>
    public static bool Resolves(string path)
    {
        if (path == "bericht")
        {
            // The oneof itself, reported when no bericht is set.
            return Content.Descriptor.Oneofs.Any(o => o.Name == "bericht");
        }

        MessageDescriptor? message = Content.Descriptor;
        var segments = path.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var match = Segment().Match(segments[i]);
            if (message is null || !match.Success)
            {
                return false;
            }

            var field = message.FindFieldByName(match.Groups["name"].Value);
            var indexed = match.Groups["index"].Success;
            var last = i == segments.Length - 1;

            // An index only on a list; a list without index only at the end (the list as a whole).
            if (field is null || (indexed && !field.IsRepeated) || (!indexed && field.IsRepeated && !last))
            {
                return false;
            }

            message = field.FieldType == FieldType.Message ? field.MessageType : null;
        }

        return true;
    }

    [GeneratedRegex(@"^(?<name>[a-z][a-z0-9_]*)(\[(?<index>\d+)\])?$")]
    private static partial Regex Segment();
}
