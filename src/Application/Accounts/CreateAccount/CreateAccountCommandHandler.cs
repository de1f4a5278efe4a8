using Mediator;
using QuickImport.Application.Common.Persistence;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Tariff;

namespace QuickImport.Application.Accounts.CreateAccount;

public sealed class CreateAccountCommandHandler(
    IAccountRepository accounts,
    ITariffLedger tariff,
    IUnitOfWork unitOfWork) : ICommandHandler<CreateAccountCommand, AccountView>
{
    public async ValueTask<AccountView> Handle(CreateAccountCommand command, CancellationToken cancellationToken) =>
        await unitOfWork.InTransactionAsync(
            async ct =>
            {
                var account = new Account(command.Name, command.ProfileLimit);
                accounts.Add(account);
                await unitOfWork.SaveChangesAsync(ct);
                await tariff.ApplyLimitAsync(account.Id, command.ProfileLimit, ct);
                return new AccountView(account.Id, account.Name, account.ProfileLimit, ProfileCount: 0);
            },
            cancellationToken);
}
