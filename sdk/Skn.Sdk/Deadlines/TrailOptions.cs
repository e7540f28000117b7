using Skn.V1;

namespace Skn.Sdk;

/// <summary>Which part of our own trail to read.</summary>
public sealed class TrailOptions
{
    /// <summary>Sent, received, or both (default).</summary>
    public TrailDirection Direction { get; set; }

    /// <summary>Only envelopes sent at or after this moment.</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Only envelopes sent before this moment.</summary>
    public DateTimeOffset? Until { get; set; }

    /// <summary>Only these bericht types; empty means all.</summary>
    public IList<BerichtType> BerichtTypes { get; } = [];

    /// <summary>Only envelopes exchanged with this participant.</summary>
    public string? CounterpartOin { get; set; }

    /// <summary>Only envelopes of this dossier.</summary>
    public string? ConversationId { get; set; }

    /// <summary>Only envelopes in these states (for example <see cref="EnvelopeState.Poisoned"/>); empty means all.</summary>
    public IList<EnvelopeState> States { get; } = [];
}
