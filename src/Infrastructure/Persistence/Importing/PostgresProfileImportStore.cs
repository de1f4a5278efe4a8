using Microsoft.Extensions.Options;
using QuickImport.Application.Common.Deduplication;
using QuickImport.Application.Profiles.ImportProfiles;
using QuickImport.Infrastructure.Deduplication;
using QuickImport.Infrastructure.Persistence.Repositories;
using QuickImport.Infrastructure.Persistence.Resilience;

namespace QuickImport.Infrastructure.Persistence.Importing;

/// <summary>
/// Imports' transactions under <see cref="TransactionRetries"/>, on the session's own transaction
/// (<see cref="SqlSession.BeginTransactionAsync"/>): a transaction the server rolled
/// back (a deadlock, a unique value a concurrent import took first) or whose connection failed before
/// the round trip of its COMMIT runs again from the start; one whose COMMIT may have been carried out
/// never does (ADR 20). The request's deduplication key is claimed with the COMMIT, holding its answer
/// (<see cref="TransactionalClaim"/>, ADR 33, 34, 39).
/// </summary>
internal sealed class PostgresProfileImportStore(
    SqlSession sql,
    TariffLedger tariff,
    RequestClaim claim,
    IOptions<DeduplicationSettings> deduplication) : IProfileImportStore
{
    public Task<TResult> ImportAsync<TResult>(
        Func<IImportTransaction, CancellationToken, Task<TResult>> work,
        CancellationToken cancellationToken) =>
        TransactionRetries.RunAsync(
            async ct =>
            {
                // Disposed after the COMMIT the session sent, the transaction has nothing left to roll back.
                await using var transaction = await sql.BeginTransactionAsync(ct);
                try
                {
                    TransactionalClaim.DeferLock(sql, claim);
                    var result = await work(new ImportTransaction(sql, tariff), ct);
                    await CommitAsync(TransactionalClaim.DeferClaim(sql, claim, deduplication.Value, result), ct);
                    return result;
                }
                catch
                {
                    sql.DiscardDeferred();
                    throw;
                }
            },
            cancellationToken);

    /// <summary>The writes the work deferred and the COMMIT, in one round trip; the request's claim, if it made one, with them.</summary>
    private async Task CommitAsync(bool answered, CancellationToken cancellationToken)
    {
        try
        {
            await sql.CommitAsync(cancellationToken);
        }
        catch (CommitOutcomeUnknownException)
        {
            // The claim may have committed with the rest: the request gives it up unless it keeps an
            // answer (a release spares a row stored with its answer, which is then the truth).
            claim.Committed(answered: false);
            throw;
        }

        claim.Committed(answered);
    }
}
