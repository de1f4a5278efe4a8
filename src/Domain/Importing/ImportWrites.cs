using Enrollable = QuickImport.Domain.Automation.Automation;
using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Importing;

/// <summary>
/// Everything an import writes, as final states: each profile once, as its last item left it, so the
/// writes go out as a few set-based statements whatever the number of items.
/// </summary>
/// <param name="Created">New profiles.</param>
/// <param name="Updated">Stored profiles the import changed.</param>
/// <param name="ReleasedUniqueValues">The fields of stored profiles whose unique value changes: their stored value is released first.</param>
/// <param name="ClaimedUniqueValues">The unique values profiles take (each profile's last value of each field).</param>
/// <param name="Subscriptions">One per profile, resource, channel and contact.</param>
/// <param name="Enrollments">One per imported item and trigger or scenario.</param>
/// <param name="At">When the items were decided: the time of every row written.</param>
public sealed record ImportWrites(
    IReadOnlyList<Profile> Created,
    IReadOnlyList<Profile> Updated,
    IReadOnlyList<(ProfileId Profile, string Field)> ReleasedUniqueValues,
    IReadOnlyList<(ProfileId Profile, UniqueValue Value)> ClaimedUniqueValues,
    IReadOnlyList<SubscriptionWrite> Subscriptions,
    IReadOnlyList<(Enrollable Automation, ProfileId Profile)> Enrollments,
    DateTimeOffset At);
