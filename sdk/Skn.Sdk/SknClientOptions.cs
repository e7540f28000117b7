using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Skn.Certificates;

namespace Skn.Sdk;

/// <summary>
/// Everything an <see cref="SknClient"/> needs: where the node is, who we are (one certificate with
/// its private key authenticates the connection, signs what we send and opens what we receive), whom
/// we trust, and timeouts.
/// </summary>
public sealed class SknClientOptions
{
    /// <summary>The node's address, for example <c>https://127.0.0.1:5443</c>.</summary>
    public Uri? Address { get; set; }

    /// <summary>The participant's certificate with its private key (the OIN is its subject serial number).</summary>
    public X509Certificate2? Certificate { get; set; }

    /// <summary>
    /// The roots trusted for the node's TLS certificate and for participants' certificates (in
    /// development: the development CA; in production the PKIoverheid roots). The operating system's
    /// store is never consulted.
    /// </summary>
    public X509Certificate2Collection TrustAnchors { get; } = new();

    /// <summary>The deadline of one attempt of a unary call (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of transient failures.</summary>
    public SknRetryOptions Retry { get; } = new();

    /// <summary>How long directory entries (certificates, roles, attributes) are used before they are fetched again (default 10 minutes).</summary>
    public TimeSpan DirectoryRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// HTTP/2 keepalive: a ping after this much silence from the node (default 10 s, at least 1 s). With
    /// <see cref="KeepAlivePingTimeout"/> it bounds how long a call waits on a connection that silently
    /// died (default: about 20 s); follow streams notice sooner by their heartbeats.
    /// </summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>HTTP/2 keepalive: the connection is dropped when a ping is not answered within this (default 10 s, at least 1 s).</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest message the client sends or accepts (default 16 MiB, which fits a bericht with several PDFs).</summary>
    public int MaxMessageSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>The definition version stamped on sent berichten (default "1.0").</summary>
    public string DefinitionVersion { get; set; } = "1.0";

    /// <summary>The clock (tests replace it).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the client logs; none by default.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Loads <see cref="Certificate"/> from a PEM certificate and its PEM private key.</summary>
    /// <returns>These options, for chaining.</returns>
    public SknClientOptions UseCertificateFromPemFiles(string certificatePath, string privateKeyPath)
    {
        Certificate = PemFiles.LoadCertificate(certificatePath, privateKeyPath);
        return this;
    }

    /// <summary>Adds every certificate in a PEM file to <see cref="TrustAnchors"/>.</summary>
    /// <returns>These options, for chaining.</returns>
    public SknClientOptions AddTrustAnchorsFromPemFile(string path)
    {
        TrustAnchors.AddRange(PemFiles.LoadCertificates(path));
        return this;
    }

    /// <summary>Throws with every wrong setting named, before any connection is made.</summary>
    internal void Validate()
    {
        var problems = new List<string>();
        if (Address is null || !Address.IsAbsoluteUri || Address.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add("Address must be an absolute https:// address of the node.");
        }

        if (Certificate is null)
        {
            problems.Add("Certificate is required: the participant's certificate with its private key.");
        }
        else if (!Certificate.HasPrivateKey)
        {
            problems.Add("Certificate has no private key: it is needed for TLS, signing and opening content.");
        }
        else if (ParticipantIdentity.GetOin(Certificate) is null)
        {
            problems.Add("Certificate carries no OIN (subject serialNumber of 20 digits).");
        }

        if (TrustAnchors.Count == 0)
        {
            problems.Add("TrustAnchors is empty: add the CA that issued the node's and the participants' certificates.");
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("RequestTimeout must be positive.");
        }

        if (Retry.MaxAttempts < 1 || Retry.InitialBackoff < TimeSpan.Zero || Retry.MaxBackoff < Retry.InitialBackoff || Retry.BackoffMultiplier < 1)
        {
            problems.Add("Retry needs MaxAttempts ≥ 1, 0 ≤ InitialBackoff ≤ MaxBackoff and BackoffMultiplier ≥ 1.");
        }

        if (!IsKeepAliveTime(KeepAlivePingDelay) || !IsKeepAliveTime(KeepAlivePingTimeout))
        {
            problems.Add("KeepAlivePingDelay and KeepAlivePingTimeout must be at least 1 second (or Timeout.InfiniteTimeSpan to switch keepalive off).");
        }

        if (DirectoryRefreshInterval <= TimeSpan.Zero)
        {
            problems.Add("DirectoryRefreshInterval must be positive.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SknClientOptions: " + string.Join(" ", problems));
        }
    }

    // SocketsHttpHandler refuses anything shorter, with a message that does not name our setting.
    private static bool IsKeepAliveTime(TimeSpan value) => value >= TimeSpan.FromSeconds(1) || value == Timeout.InfiniteTimeSpan;
}
