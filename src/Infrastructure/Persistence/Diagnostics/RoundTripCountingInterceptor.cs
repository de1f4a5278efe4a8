using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace QuickImport.Infrastructure.Persistence.Diagnostics;

/// <summary>Counts every command EF Core sends (queries and SaveChanges batches) for the scope's <see cref="DatabaseRoundTrips"/>.</summary>
internal sealed class RoundTripCountingInterceptor(DatabaseRoundTrips roundTrips) : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        roundTrips.Add();
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        roundTrips.Add();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        roundTrips.Add();
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        roundTrips.Add();
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        roundTrips.Add();
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        roundTrips.Add();
        return ValueTask.FromResult(result);
    }
}
