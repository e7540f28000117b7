using System.Globalization;
using Skn.Domain.Storage;

namespace Skn.Node.Delivery;

/// <summary>
/// The delivery token handed out with each delivery: "{message id}.{attempt}.{epoch, 8 hex digits}".
/// Clients treat it as opaque; the node reads the attempt and epoch to refuse an ack of a delivery
/// that was superseded. Tokens of older nodes ("{message id}.{attempt}") are read with epoch 0.
/// </summary>
internal static class DeliveryToken
{
    public static string Format(DeliveryRef delivery) =>
        string.Create(CultureInfo.InvariantCulture, $"{delivery.MessageId}.{delivery.Attempt}.{delivery.Epoch:x8}");

    public static bool TryParse(string? token, out DeliveryRef delivery)
    {
        delivery = default;
        if (token is null)
        {
            return false;
        }

        // Digits only, checked first: .NET's number parsing would also accept trailing NUL characters.
        var parts = token.Split('.');
        if (parts.Length is not (2 or 3)
            || !Guid.TryParseExact(parts[0], "D", out _)
            || !parts[1].All(char.IsAsciiDigit)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) || attempt < 1)
        {
            return false;
        }

        var epoch = 0u;
        if (parts.Length == 3
            && (parts[2].Length != 8 || !parts[2].All(char.IsAsciiHexDigit) || !uint.TryParse(parts[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out epoch)))
        {
            return false;
        }

        delivery = new DeliveryRef(parts[0], attempt, epoch);
        return true;
    }
}
