namespace Skn.Cli.Profiles;

/// <summary>One participant's connection: the node and the participant's certificate, so daily use needs no long flags.</summary>
/// <param name="Node">The node's address, https://host:port.</param>
/// <param name="Certificate">The participant's PEM certificate (absolute path).</param>
/// <param name="Key">Its PEM private key (absolute path).</param>
/// <param name="Ca">The PEM trust anchors: the CA of the node's and the participants' certificates (absolute path).</param>
internal sealed record Profile(string Node, string Certificate, string Key, string Ca);
