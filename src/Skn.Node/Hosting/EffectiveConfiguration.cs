using System.Collections;
using System.Globalization;
using System.Reflection;
using Skn.Node.Logging;

namespace Skn.Node.Hosting;

/// <summary>
/// The node's effective configuration as the operator should see it at start: every setting of
/// <see cref="NodeOptions"/>, nested options included, found by reflection so that a new setting is
/// printed without anyone remembering to list it, followed by the paths the node resolved. Secrets
/// are never printed: see <see cref="IsSecret"/>.
/// </summary>
public static class EffectiveConfiguration
{
    /// <summary>What is printed in place of a secret's value.</summary>
    public const string Redacted = "(redacted)";

    /// <summary>What is printed for a setting without a value.</summary>
    public const string NotSet = "(not set)";

    private static readonly string[] SecretWords = ["password", "passphrase", "secret", "token", "credential", "connectionstring"];

    private static readonly string[] LocationSuffixes = ["Path", "File", "Directory"];

    /// <summary>
    /// Every setting of <paramref name="options"/> as (name, printable value), names as in
    /// configuration (<c>Skn:Limits:MaxStreams</c>), then every non-public string property whose
    /// name starts with "Resolved" as a full path (<c>Skn:ResolvedDatabasePath</c>).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(object options, string sectionName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new List<KeyValuePair<string, string>>();
        Walk(options, sectionName, settings);
        foreach (var property in options.GetType().GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)
                     .Where(p => p.PropertyType == typeof(string) && p.Name.StartsWith("Resolved", StringComparison.Ordinal)))
        {
            var value = (string?)property.GetValue(options);
            settings.Add(new($"{sectionName}:{property.Name}", IsSecret(property) ? Redacted : string.IsNullOrEmpty(value) ? NotSet : Path.GetFullPath(value)));
        }

        return settings;
    }

    /// <summary>
    /// The redaction rule. A setting is secret when it is marked <see cref="SecretSettingAttribute"/>,
    /// or its name says it holds a secret (password, passphrase, secret, token, credential,
    /// connection string, or ends in "Key" as key material does), unless the name says it is a
    /// location (ends in Path, File or Directory): where a key lives may be printed, the key never.
    /// </summary>
    public static bool IsSecret(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (property.GetCustomAttribute<SecretSettingAttribute>() is not null)
        {
            return true;
        }

        var name = property.Name;
        if (LocationSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            return false;
        }

        return name.EndsWith("Key", StringComparison.Ordinal)
               || SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Logs every setting (event 90), and a warning (event 95) for each configured key no setting reads.</summary>
    internal static void Log(ILogger logger, NodeOptions options, IConfigurationSection section)
    {
        var settings = Describe(options, NodeOptions.SectionName);
        foreach (var (name, value) in settings)
        {
            NodeLog.EffectiveSetting(logger, name, value);
        }

        var known = settings.Select(s => s.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in section.AsEnumerable(makePathsRelative: true))
        {
            if (value is null)
            {
                continue;
            }

            // A list's items come as "ExtraHolidays:0", "ExtraHolidays:1", ...
            var name = $"{NodeOptions.SectionName}:{key}";
            while (!known.Contains(name) && name.LastIndexOf(':') is var cut and > 0 && int.TryParse(name[(cut + 1)..], CultureInfo.InvariantCulture, out _))
            {
                name = name[..cut];
            }

            if (!known.Contains(name))
            {
                NodeLog.UnknownSetting(logger, $"{NodeOptions.SectionName}:{key}");
            }
        }
    }

    private static void Walk(object options, string prefix, List<KeyValuePair<string, string>> settings)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public)
                     .Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            var name = $"{prefix}:{property.Name}";
            var value = property.GetValue(options);
            if (IsSecret(property))
            {
                settings.Add(new(name, value is null or "" ? NotSet : Redacted));
            }
            else if (value is not null && IsNested(property.PropertyType, options.GetType()))
            {
                Walk(value, name, settings);
            }
            else
            {
                settings.Add(new(name, Format(value)));
            }
        }
    }

    /// <summary>
    /// An options class of its own (a configuration subsection), as opposed to a value or a list:
    /// declared beside the options that hold it, so a framework type such as <see cref="Uri"/> is
    /// printed as its value rather than taken apart.
    /// </summary>
    private static bool IsNested(Type type, Type holder) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.Assembly == holder.Assembly;

    private static string Format(object? value) => value switch
    {
        null => NotSet,

        // A value that is key material whatever its name says: a safety net under the name rule.
        string text when text.Contains("PRIVATE KEY", StringComparison.Ordinal) => Redacted,
        string text => text.Length == 0 ? "\"\"" : text,
        Uri uri when uri.IsAbsoluteUri && uri.UserInfo.Length > 0 => Redacted,
        bool flag => flag ? "true" : "false",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? NotSet,
    };
}

/// <summary>Marks an options property whose value must never be printed or logged (see <see cref="EffectiveConfiguration"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretSettingAttribute : Attribute;
