using Mediator;

namespace QuickImport.Application.Accounts.GetAccount;

public sealed record GetAccountQuery(int Id) : IQuery<AccountView>;
