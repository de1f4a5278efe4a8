using QuickImport.Domain.Common;
using QuickImport.Domain.Databases;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Tariff;
using Enrollable = QuickImport.Domain.Automation.Automation;

namespace QuickImport.Domain.Importing;

/// <summary>
/// Decides an import's items in their order, as if each were imported after the one before it:
/// matching, merge, uniqueness, the tariff, subscriptions and enrollments, from what the search found
/// and what earlier items wrote. An item that is refused writes nothing and changes nothing for the
/// items after it. Pure: it reads and writes no database, so it can be decided again from the same
/// snapshot with less room under the tariff.
/// </summary>
/// <param name="enrollIn">The triggers and scenarios every imported item is launched in or enrolled in.</param>
public sealed class ImportBatch(ImportKind kind, ProfileDatabase database, IReadOnlyList<Enrollable> enrollIn, DateTimeOffset now)
{
    /// <param name="room">How many profiles the items may create; null without a limit.</param>
    public ImportDecisions Decide(IReadOnlyList<ItemImport> items, ImportSnapshot snapshot, int? room)
    {
        var view = new ImportView(snapshot);
        var plan = new WritePlan(view, now);
        var outcomes = new ItemOutcome[items.Count];
        var creates = 0;
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                outcomes[i] = Decide(items[i], view, plan, snapshot.Tariff, room is { } limit && creates >= limit);
                creates += outcomes[i].Created ? 1 : 0;
            }
            catch (DomainException refusal)
            {
                outcomes[i] = ItemOutcome.Refused(refusal);
            }
        }

        return new ImportDecisions(outcomes, plan.Finish(), creates);
    }

    private ItemOutcome Decide(ItemImport item, ImportView view, WritePlan plan, TariffState tariff, bool roomTaken)
    {
        var changes = item.Changes;
        TariffGuard.EnsureNotExceeded(tariff);
        var target = kind == ImportKind.CreateOnly ? null : ProfileMatcher.Resolve(item.Criteria, [.. view.Find(item.Criteria)]);
        if (target is null)
        {
            if (kind == ImportKind.UpdateOnly)
            {
                throw new UnmatchedProfileException(item.Criteria.Mode);
            }

            RequiredFields.Ensure(database, changes);
        }

        var profileId = target ?? ProfileId.New(now);
        List<(UniqueValue Value, ProfileId Holder)> holders =
            [.. changes.UniqueValues.SelectMany(v => view.HolderOf(v) is { } holder ? [(v, holder)] : Array.Empty<(UniqueValue, ProfileId)>())];
        UniquenessGuard.Ensure(profileId, holders);
        var claims = UniquenessGuard.ToClaim(profileId, changes.UniqueValues, holders);

        Profile profile;
        if (target is { } existing)
        {
            profile = view.Change(existing);
            profile.Merge(changes, now);
        }
        else
        {
            TariffGuard.EnsureRoomClaimed(tariff, claimed: !roomTaken);
            profile = Profile.Create(profileId, database.Id, changes, now);
        }

        view.Wrote(profile, claims, item.Subscriptions.Select(s => s.Contact));
        plan.Wrote(profile, claims, item.Subscriptions, enrollIn);
        return ItemOutcome.Imported(profile.Id, created: target is null);
    }
}
