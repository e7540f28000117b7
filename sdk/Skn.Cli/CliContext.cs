using System.CommandLine;
using Skn.Cli.Profiles;
using Skn.Sdk;

namespace Skn.Cli;

/// <summary>What every command shares: the environment, the global options and the profiles.</summary>
internal sealed class CliContext
{
    /// <summary>Creates the context for one run.</summary>
    public CliContext(CliEnvironment environment)
    {
        Environment = environment;
        Profiles = new ProfileStore(environment.ConfigDirectory);
    }

    /// <summary>Where the run writes and what it reads.</summary>
    public CliEnvironment Environment { get; }

    /// <summary>The profiles in the configuration folder.</summary>
    public ProfileStore Profiles { get; }

    /// <summary>--profile: run as this profile instead of the default.</summary>
    public Option<string?> ProfileOption { get; } = new("--profile")
    {
        Description = "Run as this profile instead of the default one.",
        Recursive = true,
    };

    /// <summary>--verbose: show the full exception after an error line.</summary>
    public Option<bool> VerboseOption { get; } = new("--verbose")
    {
        Description = "Show the full details of an error.",
        Recursive = true,
    };

    /// <summary>The node address of the profile in use, for error lines about reaching it; set once a client is made.</summary>
    public string? NodeAddress { get; private set; }

    /// <summary>The profile the command runs as and its client.</summary>
    public (string ProfileName, SknClient Client) Connect(ParseResult parseResult)
    {
        var (name, profile) = Profiles.Resolve(parseResult.GetValue(ProfileOption));
        NodeAddress = profile.Node;
        return (name, ProfileClient.Create(name, profile, Environment));
    }

    /// <summary>The operator's connection of the profile in use (an operator certificate's profile).</summary>
    public Operator.OperatorConnection ConnectOperator(ParseResult parseResult)
    {
        var (name, profile) = Profiles.Resolve(parseResult.GetValue(ProfileOption));
        NodeAddress = profile.Node;
        return Operator.OperatorConnection.Create(name, profile);
    }

    /// <summary>The receipts kept for <paramref name="profileName"/>.</summary>
    public ReceiptStore Receipts(string profileName) => new(Profiles.StateDirectory(profileName));
}
