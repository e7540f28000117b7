using Skn.Cli.Tests.Support;

namespace Skn.Cli.Tests;

/// <summary>Profiles live in profiles.json in the configuration folder and pick the participant a command runs as.</summary>
public sealed class ProfileTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task ProfileAddListUse_TwoProfiles_DefaultMovesAndListShowsBoth()
    {
        // Arrange: profiles only check that their files exist; connecting is for the commands that use them.
        var cert = _cli.WriteFile("participant.pem", "not read when adding");
        var key = _cli.WriteFile("participant-key.pem", "not read when adding");
        var ca = _cli.WriteFile("ca.pem", "not read when adding");

        // Act
        var first = await _cli.RunAsync("profile", "add", "gemeente", "--node", "https://127.0.0.1:5443", "--cert", cert, "--key", key, "--ca", ca);
        var second = await _cli.RunAsync("profile", "add", "woonstichting", "--node", "https://127.0.0.1:5443", "--cert", "participant.pem", "--key", key, "--ca", ca);
        var listBefore = await _cli.RunAsync("profile", "list");
        var use = await _cli.RunAsync("profile", "use", "woonstichting");
        var listAfter = await _cli.RunAsync("profile", "list");

        // Assert: the first profile became the default, 'use' moved it, relative paths were made absolute.
        Assert.All([first, second, listBefore, use, listAfter], r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Contains("(default)", first.Output);
        Assert.DoesNotContain("(default)", second.Output);
        Assert.Equal("gemeente", DefaultIn(listBefore));
        Assert.Equal("woonstichting", DefaultIn(listAfter));
        Assert.Contains(cert, listAfter.Output);
        Assert.True(File.Exists(Path.Combine(_cli.ConfigDirectory, "profiles.json")));
    }

    [Fact]
    public async Task ProfileUse_UnknownName_ExitsTwoListingTheProfiles()
    {
        // Arrange
        var file = _cli.WriteFile("x.pem", "");
        await _cli.RunAsync("profile", "add", "gemeente", "--node", "https://127.0.0.1:5443", "--cert", file, "--key", file, "--ca", file);

        // Act
        var result = await _cli.RunAsync("profile", "use", "gemeentee");

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'gemeentee'", result.Error);
        Assert.Contains("gemeente", result.Error);
    }

    [Fact]
    public async Task ProfileAdd_MissingCertificateFile_ExitsTwoNamingTheFile()
    {
        // Arrange
        var missing = Path.Combine(_cli.WorkingDirectory, "nowhere.pem");

        // Act
        var result = await _cli.RunAsync("profile", "add", "gemeente", "--node", "https://127.0.0.1:5443", "--cert", missing, "--key", missing, "--ca", missing);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.Error);
        Assert.False(File.Exists(Path.Combine(_cli.ConfigDirectory, "profiles.json")));
    }

    /// <summary>The name in the row marked with * in 'profile list'.</summary>
    private static string DefaultIn(CliResult list)
    {
        var row = list.Output.Split('\n').Single(l => l.Contains(" * ", StringComparison.Ordinal));
        return row.Split(['│', '|', ' ', '*'], StringSplitOptions.RemoveEmptyEntries)[0];
    }
}
