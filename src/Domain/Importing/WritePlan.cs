using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;
using Enrollable = QuickImport.Domain.Automation.Automation;

namespace QuickImport.Domain.Importing;

/// <summary>Gathers what the items of an import write into each row's final state.</summary>
internal sealed class WritePlan(ImportView view, DateTimeOffset now)
{
    private readonly Dictionary<(ProfileId Profile, string Field), UniqueValue> claims = [];
    private readonly Dictionary<(ProfileId Profile, int Resource, Channel Channel, string Key), SubscriptionWrite> subscriptions = [];
    private readonly List<(Enrollable Automation, ProfileId Profile)> enrollments = [];

    public void Wrote(
        Profile profile,
        IReadOnlyList<UniqueValue> claimed,
        IReadOnlyList<PlannedSubscription> subscribed,
        IReadOnlyList<Enrollable> enrollIn)
    {
        foreach (var value in claimed)
        {
            claims[(profile.Id, value.Field)] = value;
        }

        foreach (var planned in subscribed)
        {
            var key = (profile.Id, planned.Resource.Id, planned.Contact.Channel, planned.Contact.Key);
            subscriptions[key] = subscriptions.TryGetValue(key, out var earlier)
                ? earlier with
                {
                    // The first item made it; a later one can only unsubscribe it.
                    Status = planned.Unsubscribes ? planned.InitialStatus : earlier.Status,
                    Unsubscribes = earlier.Unsubscribes || planned.Unsubscribes,
                }
                : new SubscriptionWrite(profile.Id, planned.Resource, planned.Contact, planned.InitialStatus, planned.Unsubscribes);
        }

        enrollments.AddRange(enrollIn.Select(automation => (automation, profile.Id)));
    }

    public ImportWrites Finish()
    {
        var touched = view.Touched.OrderBy(p => p.Id).ToList();
        return new ImportWrites(
            [.. touched.Where(p => !view.IsStored(p.Id))],
            [.. touched.Where(p => view.IsStored(p.Id))],
            [.. claims.Keys.Where(c => view.IsStored(c.Profile))],
            [.. claims.Select(c => (c.Key.Profile, c.Value))],
            [.. subscriptions.Values],
            enrollments,
            now);
    }
}
