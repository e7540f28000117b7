using Microsoft.Extensions.DependencyInjection;
using Skn.Sdk;

namespace Skn.Sdk.Tests.EndToEnd;

/// <summary>Creating the client: from options, from PEM files, with dependency injection; wrong options are named.</summary>
public sealed class ClientSetupTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task AddSknClient_FromPemFiles_ResolvesAWorkingClient()
    {
        // Arrange
        var certificates = _node.CertificatesDirectory;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSknClient(o =>
        {
            o.Address = _node.Address;
            o.UseCertificateFromPemFiles(
                    Path.Combine(certificates, "participants", Demo.Gemeente + ".pem"),
                    Path.Combine(certificates, "participants", Demo.Gemeente + "-key.pem"))
                .AddTrustAnchorsFromPemFile(Path.Combine(certificates, "ca.pem"));
        });
        await using var provider = services.BuildServiceProvider();

        // Act
        var client = provider.GetRequiredService<SknClient>();
        var participants = await client.Directory.ListAsync();

        // Assert
        Assert.Same(client, provider.GetRequiredService<SknClient>());
        Assert.Equal(Demo.Gemeente, client.Oin);
        Assert.Contains(participants, p => p.Oin == Demo.Belasting && p.Has(V1.ParticipantAttribute.Publiek) && p.EncryptionCertificates.Count == 1);
    }

    [Fact]
    public void Constructor_IncompleteOptions_NamesEveryProblem()
    {
        // Arrange
        var options = new SknClientOptions { Address = new Uri("http://127.0.0.1:5443"), RequestTimeout = TimeSpan.Zero };

        // Act
        var error = Assert.Throws<ArgumentException>(() => new SknClient(options));

        // Assert
        Assert.Contains("Address", error.Message, StringComparison.Ordinal);
        Assert.Contains("Certificate is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("TrustAnchors", error.Message, StringComparison.Ordinal);
        Assert.Contains("RequestTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_ServerOutsideTrustAnchors_RefusedWithoutTrustingIt()
    {
        // Arrange: the client trusts another CA than the one that issued the node's certificate.
        using var otherCa = Skn.Certificates.DevelopmentCertificateAuthority.LoadOrCreate(Path.Combine(_node.DataDirectory, "other-ca"));
        await using var client = Clients.For(_node, Demo.Gemeente, o =>
        {
            o.TrustAnchors.Clear();
            o.TrustAnchors.Add(otherCa.Certificate);
        });

        // Act
        var error = await Assert.ThrowsAsync<SknRequestException>(() => client.Directory.GetAsync(Demo.Belasting));

        // Assert: a TLS refusal is not a transient failure, so it is reported at once, with the cause.
        Assert.Equal(Grpc.Core.StatusCode.Internal, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("remote certificate was rejected", error.Message, StringComparison.Ordinal);
    }
}
