using Microsoft.EntityFrameworkCore;
using QuickImport.Domain.Accounts;

namespace QuickImport.Infrastructure.Persistence.Repositories;

internal sealed class ApiTokenRepository(QuickImportDbContext db) : IApiTokenRepository
{
    public void Add(ApiToken token) => db.ApiTokens.Add(token);

    public Task<ApiToken?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
}
