using Skn.V1;

namespace Skn.Sdk;

/// <summary>A received envelope whose content the SDK refused, with the reason.</summary>
/// <param name="Envelope">The envelope's metadata (without the sealed content).</param>
/// <param name="Attempt">Which delivery of the envelope this was.</param>
/// <param name="Error">Why it was refused: an <see cref="SknOpenException"/> subtype or an <see cref="SknContentRuleException"/>.</param>
public sealed record RefusedMessage(Envelope Envelope, int Attempt, SknException Error);
