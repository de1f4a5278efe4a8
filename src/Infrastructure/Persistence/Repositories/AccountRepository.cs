using Microsoft.EntityFrameworkCore;
using QuickImport.Domain.Accounts;

namespace QuickImport.Infrastructure.Persistence.Repositories;

internal sealed class AccountRepository(QuickImportDbContext db) : IAccountRepository
{
    public void Add(Account account) => db.Accounts.Add(account);

    public Task<Account?> FindAsync(int id, CancellationToken cancellationToken) =>
        db.Accounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    public Task<long> CountProfilesAsync(int accountId, CancellationToken cancellationToken) =>
        db.Profiles.Where(p => db.Databases.Any(d => d.Id == p.DatabaseId && d.AccountId == accountId)).LongCountAsync(cancellationToken);
}
