using System.Security.Cryptography.X509Certificates;
using Skn.V1;

namespace Skn.Sdk.Sealing;

/// <summary>What opening a sealed body yields: the content document and the certificate that signed it.</summary>
/// <param name="Content">The decrypted, signature-checked content document.</param>
/// <param name="Signer">The sender's certificate from the directory that verified the signature.</param>
/// <param name="SigningTime">The signing time the sender stated, when present (a claim, not proof).</param>
public sealed record OpenedContent(Content Content, X509Certificate2 Signer, DateTimeOffset? SigningTime);
