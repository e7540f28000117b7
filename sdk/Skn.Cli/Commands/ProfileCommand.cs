using System.CommandLine;
using Skn.Cli.Errors;
using Skn.Cli.Output;
using Skn.Cli.Profiles;

namespace Skn.Cli.Commands;

/// <summary><c>skn profile add|list|use</c>: the node and certificate of each participant this user acts as.</summary>
internal static class ProfileCommand
{
    /// <summary>Creates <c>profile</c> with its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var profile = new Command("profile", "Manage profiles: a node address and a participant's certificate under a short name.");
        profile.Subcommands.Add(Add(context));
        profile.Subcommands.Add(List(context));
        profile.Subcommands.Add(Use(context));
        return profile;
    }

    private static Command Add(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The profile's name, for example gemeente." };
        var node = new Option<string>("--node") { Description = "The node's address, for example https://127.0.0.1:5443.", Required = true };
        var certificate = new Option<string>("--cert") { Description = "The participant's PEM certificate.", Required = true };
        var key = new Option<string>("--key") { Description = "Its PEM private key.", Required = true };
        var ca = new Option<string>("--ca") { Description = "The PEM CA certificate(s) to trust for the node and the participants.", Required = true };
        var makeDefault = new Option<bool>("--default") { Description = "Use this profile when --profile is not given." };
        var command = new Command("add", "Add or replace a profile.") { name, node, certificate, key, ca, makeDefault };
        command.SetAction(parseResult =>
        {
            var environment = context.Environment;
            var profileName = parseResult.GetRequiredValue(name);
            if (profileName.Length == 0 || profileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || profileName.StartsWith('.'))
            {
                // The name becomes a folder under state/, so it must be a plain file name.
                throw new UsageException($"profile name '{profileName}' must be a plain name without path characters");
            }

            var address = parseResult.GetRequiredValue(node);
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new UsageException($"--node: '{address}' is not an https:// address");
            }

            var entry = new Profile(
                address,
                ExistingFile("--cert", environment.FullPath(parseResult.GetRequiredValue(certificate))),
                ExistingFile("--key", environment.FullPath(parseResult.GetRequiredValue(key))),
                ExistingFile("--ca", environment.FullPath(parseResult.GetRequiredValue(ca))));
            var file = context.Profiles.Load();
            file.Profiles[profileName] = entry;
            if (parseResult.GetValue(makeDefault) || file.Default is null)
            {
                file.Default = profileName;
            }

            context.Profiles.Save(file);
            environment.Output.WriteLine($"profile '{profileName}' saved{(file.Default == profileName ? " (default)" : "")} in {context.Profiles.FilePath}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "List the profiles; * marks the default.");
        command.SetAction(_ =>
        {
            var file = context.Profiles.Load();
            if (file.Profiles.Count == 0)
            {
                context.Environment.Output.WriteLine("no profiles; add one with 'skn profile add'");
                return ExitCodes.Ok;
            }

            var table = Tables.Create("", "Name", "Node", "Certificate");
            foreach (var (profileName, profile) in file.Profiles)
            {
                table.AddTextRow(profileName == file.Default ? "*" : "", profileName, profile.Node, profile.Certificate);
            }

            context.Environment.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Use(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The profile to use by default." };
        var command = new Command("use", "Make a profile the default.") { name };
        command.SetAction(parseResult =>
        {
            var profileName = parseResult.GetRequiredValue(name);
            var file = context.Profiles.Load();
            if (!file.Profiles.ContainsKey(profileName))
            {
                throw new UsageException($"profile '{profileName}' does not exist in {context.Profiles.FilePath}" +
                    (file.Profiles.Count == 0 ? "" : $" (profiles: {string.Join(", ", file.Profiles.Keys)})"));
            }

            file.Default = profileName;
            context.Profiles.Save(file);
            context.Environment.Output.WriteLine($"default profile: {profileName}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A profile pointing at a missing file would only fail later, further from the typo.</summary>
    private static string ExistingFile(string option, string path) =>
        File.Exists(path) ? path : throw new UsageException($"{option}: file {path} does not exist");
}
