using Mediator;

namespace QuickImport.Application.Accounts.CreateAccount;

public sealed record CreateAccountCommand(string Name, int? ProfileLimit) : ICommand<AccountView>;
