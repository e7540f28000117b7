using System.Globalization;
using Skn.Domain.Storage;

namespace Skn.Node.Delivery;

/// <summary>
/// The delivery token handed out with each delivery: "{message id}.{attempt}". Clients treat it as
/// opaque; the node reads the attempt to refuse an ack of a delivery that was superseded.
/// </summary>
internal static class DeliveryToken
{
    public static string Format(DeliveryRef delivery) =>
        string.Create(CultureInfo.InvariantCulture, $"{delivery.MessageId}.{delivery.Attempt}");

    public static bool TryParse(string? token, out DeliveryRef delivery)
    {
        delivery = default;
        var dot = token?.LastIndexOf('.') ?? -1;
        if (dot <= 0 || !Guid.TryParseExact(token![..dot], "D", out _)
            || !int.TryParse(token.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var attempt) || attempt < 1)
        {
            return false;
        }

        delivery = new DeliveryRef(token[..dot], attempt);
        return true;
    }
}
