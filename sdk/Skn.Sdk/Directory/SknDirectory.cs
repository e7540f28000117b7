using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Skn.Certificates;
using Skn.Sdk.Transport;
using Skn.V1;

namespace Skn.Sdk;

/// <summary>
/// The node's directory, cached: an entry is used for <see cref="SknClientOptions.DirectoryRefreshInterval"/>
/// and then read again, so certificate rollovers and attribute changes arrive without a restart.
/// Certificates are checked against the client's trust anchors before they are used.
/// </summary>
public sealed class SknDirectory
{
    private readonly ConcurrentDictionary<string, DirectoryEntry> _entries = new(StringComparer.Ordinal);
    private readonly NodeConnection _connection;
    private readonly RpcInvoker _invoker;
    private readonly CertificateTrust _trust;
    private readonly SknClientOptions _options;

    internal SknDirectory(NodeConnection connection, RpcInvoker invoker, SknClientOptions options)
    {
        _connection = connection;
        _invoker = invoker;
        _options = options;
        _trust = new CertificateTrust(options.TrustAnchors, options.TimeProvider);
    }

    /// <summary>The participant with <paramref name="oin"/>, from the cache while it is fresh.</summary>
    /// <exception cref="SknRequestException">Unknown OIN (NotFound) or the node could not be reached.</exception>
    public async Task<DirectoryEntry> GetAsync(string oin, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oin);
        if (_entries.TryGetValue(oin, out var cached) && IsFresh(cached))
        {
            return cached;
        }

        return await RefreshAsync(oin, cancellationToken);
    }

    /// <summary>Reads the participant from the node now, bypassing the cache (used after a signature from an unknown certificate).</summary>
    public async Task<DirectoryEntry> RefreshAsync(string oin, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(oin);
        var response = await _invoker.CallAsync(
            "GetParticipant",
            CallKind.Idempotent,
            call => _connection.Directory.GetParticipantAsync(new GetParticipantRequest { Oin = oin }, call),
            cancellationToken);
        var entry = ToEntry(response.Participant);
        _entries[oin] = entry;
        return entry;
    }

    /// <summary>Every participant (optionally of one role), read from the node now; the cache is refreshed with them.</summary>
    public async Task<IReadOnlyList<DirectoryEntry>> ListAsync(Role role = Role.Unspecified, CancellationToken cancellationToken = default)
    {
        var all = new List<DirectoryEntry>();
        var pageToken = "";
        do
        {
            var request = new ListParticipantsRequest { PageSize = 500, PageToken = pageToken, Role = role };
            var response = await _invoker.CallAsync(
                "ListParticipants",
                CallKind.Idempotent,
                call => _connection.Directory.ListParticipantsAsync(request, call),
                cancellationToken);
            foreach (var participant in response.Participants)
            {
                var entry = ToEntry(participant);
                _entries[entry.Oin] = entry;
                all.Add(entry);
            }

            pageToken = response.NextPageToken;
        }
        while (pageToken.Length > 0);

        return all;
    }

    private bool IsFresh(DirectoryEntry entry) =>
        _options.TimeProvider.GetUtcNow() - entry.FetchedAt < _options.DirectoryRefreshInterval;

    private DirectoryEntry ToEntry(Participant participant)
    {
        var signing = new List<X509Certificate2>();
        var encryption = new List<X509Certificate2>();
        foreach (var published in participant.Certificates)
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadCertificate(published.Der.Span);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                continue; // Not a certificate: unusable, like one that does not chain.
            }

            // A certificate the trust anchors do not vouch for is never used, whatever the node says.
            if (!_trust.Validate(certificate, null).IsValid)
            {
                continue;
            }

            var anyUse = published.Uses.Count == 0;
            if (anyUse || published.Uses.Contains(CertificateUse.Signing))
            {
                signing.Add(certificate);
            }

            if (anyUse || published.Uses.Contains(CertificateUse.Encryption))
            {
                encryption.Add(certificate);
            }
        }

        return new DirectoryEntry(participant, signing, encryption, _options.TimeProvider.GetUtcNow());
    }
}
