using System.Globalization;

namespace Skn.Node.Transport;

/// <summary>
/// The page tokens of the listing RPCs (AIP-158): the position after which the next page starts, as
/// decimal digits. Opaque to clients; checked here so a made-up token is InvalidArgument, not a guess.
/// </summary>
internal static class PageTokens
{
    /// <summary>The position in <paramref name="token"/>, or null for the first page (and for a bad token, which adds a problem).</summary>
    public static long? Parse(string token, string rpcName, List<(string Field, string Description)> problems, long max = long.MaxValue)
    {
        if (token.Length == 0)
        {
            return null;
        }

        // Digits only: .NET's number parsing would also accept trailing NUL characters.
        if (token.All(char.IsAsciiDigit)
            && long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            && position > 0 && position <= max)
        {
            return position;
        }

        problems.Add(("page_token", $"is not a token from a previous {rpcName} response."));
        return null;
    }
}
