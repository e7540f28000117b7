using Skn.Domain.Storage;
using Skn.Store.Sqlite;
using static Skn.Store.Tests.Infrastructure.Envelopes;

namespace Skn.Store.Tests.Infrastructure;

/// <summary>Fills a store that has a small <see cref="SqliteStoreOptions.MaxPageCount"/> until a send no longer fits.</summary>
internal static class StoreFilling
{
    /// <summary>
    /// Sends envelopes <c>m-000</c>, <c>m-001</c>, ... with 3,000-byte bodies (about a page each) to
    /// <see cref="Envelopes.Se1"/> until one is refused; at most <paramref name="maxSends"/> tries.
    /// </summary>
    /// <returns>How many were stored, and the refusal (null when the store never filled up).</returns>
    public static async Task<(int Stored, StoreFullException? Full)> FillAsync(SqliteMessageStore store, int maxSends = 200)
    {
        for (var i = 0; i < maxSends; i++)
        {
            try
            {
                await store.SendAsync(New(messageId: $"m-{i:D3}", body: new byte[3000]), default).Within();
            }
            catch (StoreFullException exception)
            {
                return (i, exception);
            }
        }

        return (maxSends, null);
    }
}
