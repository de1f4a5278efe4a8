using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using QuickImport.Application.Common.Security;
using QuickImport.Domain.Accounts;
using QuickImport.Infrastructure.Persistence;

namespace QuickImport.Infrastructure.Security;

internal sealed class ApiTokenStore(QuickImportDbContext db) : IApiTokenStore
{
    public async ValueTask<int?> FindAccountAsync(string token, CancellationToken cancellationToken)
    {
        var hash = ApiTokenSecret.Hash(token);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.SecretHash == hash && t.RevokedAt == null)
            .Select(t => new { t.AccountId, t.SecretHash })
            .FirstOrDefaultAsync(cancellationToken);

        // The index finds the row by hash; the bytes are still compared in constant time.
        return found is not null && CryptographicOperations.FixedTimeEquals(found.SecretHash, hash) ? found.AccountId : null;
    }
}
