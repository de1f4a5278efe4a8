using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;

namespace QuickImport.Domain.Importing;

/// <summary>One item of an import, read against its database's fields: what it searches for and what it writes.</summary>
/// <param name="LockedIdentities">
/// The identities no unique index guards (phone numbers, values of fields that are not unique) that
/// the item reads or sets: imports that share one take turns, so two imports of one new phone number
/// make one profile. Emails and unique values need no lock: their unique index refuses the second
/// holder, and the import runs again, finding the first.
/// </param>
public sealed record ItemImport(
    MatchCriteria Criteria,
    ProfileChanges Changes,
    IReadOnlyList<PlannedSubscription> Subscriptions,
    IReadOnlyList<string> LockedIdentities);
