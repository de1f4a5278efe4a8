namespace QuickImport.Domain.Accounts;

public interface IAccountRepository
{
    void Add(Account account);

    Task<Account?> FindAsync(int id, CancellationToken cancellationToken);

    /// <summary>Profiles the account holds across all its databases, now.</summary>
    Task<long> CountProfilesAsync(int accountId, CancellationToken cancellationToken);
}
