using Microsoft.EntityFrameworkCore;
using Npgsql;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Profiles;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence.Repositories;

internal sealed class AutomationRepository(QuickImportDbContext db, SqlSession sql, TimeProvider clock) : IAutomationRepository
{
    public Task<Automation?> FindAsync(int accountId, AutomationKind kind, int id, CancellationToken cancellationToken) =>
        db.Automations.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == id && a.Kind == kind && a.AccountId == accountId, cancellationToken);

    public async Task EnqueueAsync(Automation automation, ProfileId profile, CancellationToken cancellationToken)
    {
        await using var command = sql.Command(
            "INSERT INTO automation_runs (automation_id, profile_id, status, created_at) VALUES ($1, $2, $3, $4)",
            new NpgsqlParameter<int> { TypedValue = automation.Id },
            new NpgsqlParameter<string> { TypedValue = profile.Value },
            new NpgsqlParameter<string> { TypedValue = AutomationRunRecord.Pending },
            new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
