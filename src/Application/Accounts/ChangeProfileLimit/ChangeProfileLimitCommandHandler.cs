using Mediator;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Persistence;
using QuickImport.Domain.Accounts;
using QuickImport.Domain.Tariff;

namespace QuickImport.Application.Accounts.ChangeProfileLimit;

/// <summary>Changes the limit; the ledger waits for imports under way and recounts the room left.</summary>
public sealed class ChangeProfileLimitCommandHandler(
    IAccountRepository accounts,
    ITariffLedger tariff,
    IUnitOfWork unitOfWork,
    AccountViews views) : ICommandHandler<ChangeProfileLimitCommand, AccountView>
{
    public async ValueTask<AccountView> Handle(ChangeProfileLimitCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(command.AccountId, cancellationToken)
            ?? throw new NotFoundException("account", command.AccountId);
        await unitOfWork.InTransactionAsync(
            async ct =>
            {
                await tariff.ApplyLimitAsync(account.Id, command.ProfileLimit, ct);
                return true;
            },
            cancellationToken);
        account.ChangeProfileLimit(command.ProfileLimit);
        return await views.ForAsync(account, cancellationToken);
    }
}
