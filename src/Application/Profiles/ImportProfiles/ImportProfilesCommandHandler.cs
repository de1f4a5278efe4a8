using Mediator;
using QuickImport.Application.Automations;
using QuickImport.Application.Common.Exceptions;
using QuickImport.Application.Common.Security;
using QuickImport.Domain.Automation;
using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Importing;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Application.Profiles.ImportProfiles;

/// <summary>
/// The one import, for one profile or thousands, in docs/api.md §1's order of checks: each item is
/// read against the database's fields, the request's resource, trigger and scenario are looked up,
/// then one transaction searches for the items at once, decides each item in order
/// (<see cref="ImportBatch"/>) and writes them all — <see cref="ItemsPerChunk"/> items at a time, an
/// import of more having first locked what all its items match. An item that is refused is answered
/// for itself; the others go on.
/// </summary>
public sealed class ImportProfilesCommandHandler(
    CurrentAccount currentAccount,
    IProfileDatabaseRepository databases,
    IResourceRepository resources,
    IAutomationRepository automations,
    IProfileImportStore store,
    ProfileImportReader reader,
    TimeProvider clock) : ICommandHandler<ImportProfilesCommand, ImportResult>
{
    /// <summary>
    /// Items searched for, decided and written together. A larger import runs in chunks of this many
    /// inside its one transaction, so that what one chunk reads and writes (its matched profiles, the
    /// profiles it leaves, its statements' parameters) is let go before the next: a 10,000-item
    /// batch holds a tenth of it at a time (ADR 45). An import of up to this many items is one chunk,
    /// as before chunks.
    /// </summary>
    public const int ItemsPerChunk = 1000;

    public async ValueTask<ImportResult> Handle(ImportProfilesCommand command, CancellationToken cancellationToken)
    {
        var accountId = currentAccount.Id;
        var request = command.Request;
        var database = await databases.FindAsync(accountId, request.DatabaseId, cancellationToken)
            ?? throw new NotFoundException("database", request.DatabaseId);

        var outcomes = new ItemOutcome?[request.Items.Count];
        var imports = new ItemImport?[request.Items.Count];
        Each(outcomes, imports, i => reader.Read(request, database, request.Items[i]));
        if (imports.All(i => i is null))
        {
            return Result(outcomes, []);
        }

        var context = await ContextAsync(database, request, cancellationToken);
        var enrollIn = request.SkipTriggers
            ? []
            : await AutomationsAsync(accountId, database, request, cancellationToken);
        Each(outcomes, imports, i => reader.Subscribe(context, request.Items[i], imports[i]!));
        var live = Enumerable.Range(0, imports.Length).Where(i => imports[i] is not null).ToList();
        if (live.Count == 0)
        {
            return Result(outcomes, []);
        }

        var batch = new ImportBatch(request.Kind, database, enrollIn, clock.GetUtcNow());
        var chunks = live.Chunk(ItemsPerChunk).ToList();
        return await store.ImportAsync(
            async (transaction, ct) =>
            {
                if (chunks.Count > 1)
                {
                    transaction.LockAll(Search(accountId, database, request, [.. live.Select(i => imports[i]!)]));
                }

                var decided = new List<(int Index, ItemOutcome Outcome)>(live.Count);
                foreach (var chunk in chunks)
                {
                    List<ItemImport> items = [.. chunk.Select(i => imports[i]!)];
                    var decisions = await DecideAsync(transaction, batch, items, Search(accountId, database, request, items), ct);
                    decided.AddRange(chunk.Zip(decisions.Outcomes));
                }

                return Result(outcomes, decided);
            },
            cancellationToken);
    }

    /// <summary>
    /// Searches for <paramref name="items"/>, decides them in order and defers their writes: each
    /// search sees what the chunks before it wrote, in the same transaction.
    /// </summary>
    private static async Task<ImportDecisions> DecideAsync(
        IImportTransaction transaction,
        ImportBatch batch,
        IReadOnlyList<ItemImport> items,
        ImportSearch search,
        CancellationToken cancellationToken)
    {
        var snapshot = await transaction.SearchAsync(search, cancellationToken);
        var limited = snapshot.Tariff.Limit is not null;
        var decisions = batch.Decide(items, snapshot, limited ? int.MaxValue : null);
        var unusedRoom = 0;
        if (limited && decisions.Creates > 0)
        {
            // Decided again, the creates past the room are refused: each item in order, as one import after another.
            var room = await transaction.ClaimRoomAsync(decisions.Creates, cancellationToken);
            if (room < decisions.Creates)
            {
                decisions = batch.Decide(items, snapshot, room);
                unusedRoom = room - decisions.Creates;
            }
        }

        transaction.Write(decisions.Writes, unusedRoom);
        return decisions;
    }

    private static ImportSearch Search(int accountId, ProfileDatabase database, ImportRequest request, IReadOnlyCollection<ItemImport> items) =>
        ImportSearch.For(accountId, database.Id, items, request.Kind);

    /// <summary>Runs <paramref name="step"/> for each item still standing; a refusal is the item's outcome.</summary>
    private static void Each(ItemOutcome?[] outcomes, ItemImport?[] imports, Func<int, ItemImport> step)
    {
        for (var i = 0; i < imports.Length; i++)
        {
            if (outcomes[i] is not null)
            {
                continue;
            }

            try
            {
                imports[i] = step(i);
            }
            catch (DomainException refusal)
            {
                imports[i] = null;
                outcomes[i] = ItemOutcome.Refused(refusal);
            }
        }
    }

    private static ImportResult Result(ItemOutcome?[] outcomes, IEnumerable<(int Index, ItemOutcome Outcome)> decided)
    {
        var all = (ItemOutcome?[])outcomes.Clone();
        foreach (var (index, outcome) in decided)
        {
            all[index] = outcome;
        }

        return new ImportResult([.. all.Select(o => o!)]);
    }

    private async Task<ImportContext> ContextAsync(ProfileDatabase database, ImportRequest request, CancellationToken cancellationToken)
    {
        var resource = request.ResourceId is { } resourceId
            ? await resources.FindAsync(database.Id, resourceId, cancellationToken)
                ?? throw new NotFoundException("subscription resource", resourceId)
            : null;
        var listed = new Dictionary<int, Resource>();
        foreach (var id in request.Items.SelectMany(i => i.Subscriptions).Select(s => s.ResourceId).OfType<int>().Distinct())
        {
            if (await resources.FindAsync(database.Id, id, cancellationToken) is { } found)
            {
                listed[id] = found;
            }
        }

        return new ImportContext(database, request, resource, listed);
    }

    private async Task<IReadOnlyList<Automation>> AutomationsAsync(
        int accountId,
        ProfileDatabase database,
        ImportRequest request,
        CancellationToken cancellationToken)
    {
        var trigger = await FindAutomationAsync(accountId, database, AutomationKind.Trigger, request.TriggerId, cancellationToken);
        var workflow = await FindAutomationAsync(accountId, database, AutomationKind.Workflow, request.WorkflowId, cancellationToken);
        EnsureActive(trigger, ImportParameterNames.TriggerId);
        EnsureActive(workflow, ImportParameterNames.WorkflowId);
        return [.. new[] { trigger, workflow }.OfType<Automation>()];
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
