using Microsoft.EntityFrameworkCore;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Profiles;
using QuickImport.Infrastructure.Caching;
using QuickImport.Infrastructure.Persistence.Records;

namespace QuickImport.Infrastructure.Persistence.Repositories;

internal sealed class AutomationRepository(QuickImportDbContext db, MetadataCache cache)
    : IAutomationRepository
{
    public Task<Automation?> FindAsync(int accountId, AutomationKind kind, int id, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(
            new AutomationKey(accountId, kind, id),
            ct => db.Automations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.Kind == kind && a.AccountId == accountId, ct),
            cancellationToken);

    public Task<Automation?> GetForChangeAsync(AutomationKind kind, int id, CancellationToken cancellationToken) =>
        db.Automations.FirstOrDefaultAsync(a => a.Id == id && a.Kind == kind, cancellationToken);

    public void Add(Automation automation) => db.Automations.Add(automation);

    public async Task<IReadOnlyList<AutomationRun>> ListRunsAsync(int automationId, CancellationToken cancellationToken)
    {
        var runs = await db.AutomationRuns.AsNoTracking()
            .Where(r => r.AutomationId == automationId)
            .OrderBy(r => r.Id)
            .Select(r => new { r.ProfileId, r.Status, r.CreatedAt })
            .ToListAsync(cancellationToken);
        return [.. runs.Select(r => new AutomationRun(ProfileId.FromStorage(r.ProfileId), r.Status, r.CreatedAt))];
    }

    private readonly record struct AutomationKey(int AccountId, AutomationKind Kind, int Id);
}
