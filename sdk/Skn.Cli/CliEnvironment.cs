using Skn.Sdk;
using Spectre.Console;

namespace Skn.Cli;

/// <summary>
/// What the program may touch outside itself: where it writes, where its configuration lives, the
/// working directory and the clock. The real process gets <see cref="FromProcess"/>; tests build their
/// own, so nothing reads the real user's home or console.
/// </summary>
internal sealed class CliEnvironment
{
    /// <summary>Creates an environment that writes plain text (no colours, no terminal control) to the writers.</summary>
    /// <param name="output">Standard output: tables, JSON lines, results.</param>
    /// <param name="error">Standard error: the one-line errors and, with --verbose, their details.</param>
    /// <param name="configDirectory">Holds profiles.json and the state folder.</param>
    public CliEnvironment(TextWriter output, TextWriter error, string configDirectory)
    {
        Output = output;
        Error = error;
        ConfigDirectory = configDirectory;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });

        // Wide enough that ids (36 characters) and OINs are never wrapped in a captured table.
        console.Profile.Width = 240;
        Console = console;
    }

    private CliEnvironment(IAnsiConsole console, TextWriter output, TextWriter error, string configDirectory)
    {
        Output = output;
        Error = error;
        ConfigDirectory = configDirectory;
        Console = console;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Renders tables to <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>The configuration folder: profiles.json and state/&lt;profile&gt;/.</summary>
    public string ConfigDirectory { get; }

    /// <summary>Relative paths and the default development CA folder are resolved from here.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The clock of the SDK client (tests pass the node's clock).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Last adjustments of the client options (tests shorten retries; production leaves the SDK's defaults).</summary>
    public Action<SknClientOptions>? ConfigureClient { get; init; }

    /// <summary>True when Ctrl+C should cancel the running command (the real process only).</summary>
    public bool HandleProcessTermination { get; init; }

    /// <summary>The real console; the configuration folder is $SKN_CONFIG_DIR, else ~/.config/skn.</summary>
    public static CliEnvironment FromProcess()
    {
        var configured = Environment.GetEnvironmentVariable("SKN_CONFIG_DIR");
        var configDirectory = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "skn")
            : configured;
        // Without a terminal (output piped to a file or another program) Spectre cannot read a width
        // and would squeeze every table to nothing; such output is read whole, so give it room.
        var console = AnsiConsole.Console;
        if (System.Console.IsOutputRedirected || console.Profile.Width < 60)
        {
            console.Profile.Width = 240;
        }

        return new CliEnvironment(console, System.Console.Out, System.Console.Error, configDirectory)
        {
            HandleProcessTermination = true,
        };
    }

    /// <summary>A path as the user meant it: relative to <see cref="WorkingDirectory"/>.</summary>
    public string FullPath(string path) => Path.GetFullPath(path, WorkingDirectory);
}
