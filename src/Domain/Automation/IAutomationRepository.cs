using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Automation;

public interface IAutomationRepository
{
    /// <returns>The trigger mailing or scenario, or null when the account has no such one.</returns>
    Task<Automation?> FindAsync(int accountId, AutomationKind kind, int id, CancellationToken cancellationToken);

    /// <returns>The automation of any account, tracked for changes, or null.</returns>
    Task<Automation?> GetForChangeAsync(AutomationKind kind, int id, CancellationToken cancellationToken);

    void Add(Automation automation);

    /// <summary>The launches (trigger) or enrollments (scenario) written for it, oldest first.</summary>
    Task<IReadOnlyList<AutomationRun>> ListRunsAsync(int automationId, CancellationToken cancellationToken);
}
