using Mediator;

namespace QuickImport.Application.Accounts.ChangeProfileLimit;

/// <param name="ProfileLimit">The new limit; null removes it.</param>
public sealed record ChangeProfileLimitCommand(int AccountId, int? ProfileLimit) : ICommand<AccountView>;
