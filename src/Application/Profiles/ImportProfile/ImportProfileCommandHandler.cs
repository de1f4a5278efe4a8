using Mediator;
using QuickImport.Application.Automations;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Persistence;
using QuickImport.Application.Common.Security;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using QuickImport.Domain.Tariff;

namespace QuickImport.Application.Profiles.ImportProfile;

/// <summary>
/// The import, in docs/api.md §1's order of checks: what can be refused from metadata is refused before the
/// transaction; the rest (tariff, matching, uniqueness, the limit) inside it, under locks on every
/// identity the import touches, so concurrent imports of one new contact make one profile.
/// </summary>
public sealed class ImportProfileCommandHandler(
    CurrentAccount currentAccount,
    IProfileDatabaseRepository databases,
    IResourceRepository resources,
    IAutomationRepository automations,
    ISubscriptionRepository subscriptions,
    IProfileRepository profiles,
    ITariffLedger tariff,
    IUnitOfWork unitOfWork,
    ProfileImportReader reader,
    TimeProvider clock) : ICommandHandler<ImportProfileCommand, ImportProfileResult>
{
    public async ValueTask<ImportProfileResult> Handle(ImportProfileCommand command, CancellationToken cancellationToken)
    {
        var accountId = currentAccount.Id;
        var instructions = ImportInstructions.From(command.Parameters);
        var database = await databases.FindAsync(accountId, instructions.DatabaseId, cancellationToken)
            ?? throw new NotFoundException("database", instructions.DatabaseId);
        var import = reader.Read(database, instructions, command.Parameters, command.Referer);

        var resource = instructions.ResourceId is { } resourceId
            ? await resources.FindAsync(database.Id, resourceId, cancellationToken)
                ?? throw new NotFoundException("subscription resource", resourceId)
            : null;
        var trigger = await FindAutomationAsync(accountId, database, AutomationKind.Trigger, instructions.TriggerId, cancellationToken);
        var workflow = await FindAutomationAsync(accountId, database, AutomationKind.Workflow, instructions.WorkflowId, cancellationToken);
        EnsureActive(trigger, ImportParameterNames.TriggerId);
        EnsureActive(workflow, ImportParameterNames.WorkflowId);
        var contacts = resource is null ? [] : SubscriptionPlan.For(resource, import.Changes);

        return await unitOfWork.InTransactionAsync(
            async ct =>
            {
                // The tariff's lock and state travel with the search: one round trip for both.
                var tariffEntry = tariff.Enter(accountId);
                var search = await profiles.SearchAsync(database.Id, import.Identities, import.Criteria, import.Changes.UniqueValues, ct);
                var tariffState = tariffEntry.Value;
                TariffGuard.EnsureNotExceeded(tariffState);
                var target = ProfileMatcher.Resolve(import.Criteria, [.. search.Matches.Select(p => p.Id)]);
                if (target is null)
                {
                    RequiredFields.Ensure(database, import.Changes);
                }

                var now = clock.GetUtcNow();
                var profileId = target ?? ProfileId.New(now);
                UniquenessGuard.Ensure(profileId, search.UniqueHolders);
                var claims = UniquenessGuard.ToClaim(profileId, import.Changes.UniqueValues, search.UniqueHolders);

                Profile profile;
                if (target is { } existing)
                {
                    profile = search.Matches.Single(p => p.Id == existing);
                    profile.Merge(import.Changes, now);
                    await profiles.UpdateAsync(profile, claims, ct);
                }
                else
                {
                    var claimed = tariffState.Limit is null || await tariff.TryClaimRoomAsync(accountId, ct);
                    TariffGuard.EnsureRoomClaimed(tariffState, claimed);
                    profile = Profile.Create(profileId, database.Id, import.Changes, now);
                    await profiles.AddAsync(profile, claims, ct);
                }

                if (resource is not null)
                {
                    await subscriptions.AddMissingAsync(profile.Id, resource, contacts, ct);
                }

                foreach (var automation in new[] { trigger, workflow }.OfType<Automation>())
                {
                    await automations.EnqueueAsync(automation, profile.Id, ct);
                }

                return new ImportProfileResult(profile.Id, Created: target is null);
            },
            cancellationToken);
    }

    private async Task<Automation?> FindAutomationAsync(
        int accountId,
        ProfileDatabase database,
        AutomationKind kind,
        int? id,
        CancellationToken cancellationToken)
    {
        if (id is not { } automationId)
        {
            return null;
        }

        var automation = await automations.FindAsync(accountId, kind, automationId, cancellationToken);
        return automation is not null && automation.DatabaseId == database.Id
            ? automation
            : throw new NotFoundException(AutomationNames.Of(kind), automationId);
    }

    private static void EnsureActive(Automation? automation, string parameter)
    {
        if (automation is { Active: false })
        {
            throw new InvalidValueException(parameter, $"{automation.Kind.ToString().ToLowerInvariant()} {automation.Id} is inactive");
        }
    }
}
