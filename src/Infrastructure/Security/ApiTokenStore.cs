using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using QuickImport.Application.Common.Security;
using QuickImport.Domain.Accounts;
using QuickImport.Infrastructure.Caching;
using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Infrastructure.Security;

internal sealed class ApiTokenStore(QuickImportDbContext db, MetadataCache cache) : IApiTokenStore
{
    public async ValueTask<int?> FindAccountAsync(string token, CancellationToken cancellationToken)
    {
        // Kept by the SHA-256 of the token, never the token: a lookup by digest reveals nothing of the secret.
        var hash = ApiTokenSecret.Hash(token);
        var owner = await cache.GetOrLoadAsync(new TokenKey(Convert.ToHexString(hash)), ct => LoadAsync(hash, ct), cancellationToken);
        return owner?.AccountId;
    }

    private async Task<TokenOwner?> LoadAsync(byte[] hash, CancellationToken cancellationToken)
    {
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.SecretHash == hash && t.RevokedAt == null)
            .Select(t => new { t.AccountId, t.SecretHash })
            .FirstOrDefaultAsync(cancellationToken);

        // The index finds the row by hash; the bytes are still compared in constant time.
        return found is not null && CryptographicOperations.FixedTimeEquals(found.SecretHash, hash) ? new TokenOwner(found.AccountId) : null;
    }

    private readonly record struct TokenKey(string SecretHash);

    private sealed record TokenOwner(int AccountId);
}
