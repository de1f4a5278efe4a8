using QuickImport.Domain.Accounts;

namespace QuickImport.Application.Accounts;

/// <summary>Builds an account's view with its live profile count.</summary>
public sealed class AccountViews(IAccountRepository accounts)
{
    public async Task<AccountView> ForAsync(Account account, CancellationToken cancellationToken) =>
        new(account.Id, account.Name, account.ProfileLimit, await accounts.CountProfilesAsync(account.Id, cancellationToken));
}
