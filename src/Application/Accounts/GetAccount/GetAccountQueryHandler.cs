using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Domain.Accounts;

namespace QuickImport.Application.Accounts.GetAccount;

public sealed class GetAccountQueryHandler(IAccountRepository accounts, AccountViews views) : IQueryHandler<GetAccountQuery, AccountView>
{
    public async ValueTask<AccountView> Handle(GetAccountQuery query, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(query.Id, cancellationToken) ?? throw new NotFoundException("account", query.Id);
        return await views.ForAsync(account, cancellationToken);
    }
}
