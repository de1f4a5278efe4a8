using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Automation;

public interface IAutomationRepository
{
    /// <returns>The trigger mailing or scenario, or null when the account has no such one.</returns>
    Task<Automation?> FindAsync(int accountId, AutomationKind kind, int id, CancellationToken cancellationToken);

    /// <summary>Writes a pending launch (trigger) or enrollment (scenario) for the sending system.</summary>
    Task EnqueueAsync(Automation automation, ProfileId profile, CancellationToken cancellationToken);
}
