using QuickImport.Domain.Fields;
using QuickImport.Domain.Matching;
using QuickImport.Domain.Profiles;
using QuickImport.Domain.Subscriptions;

namespace QuickImport.Domain.Importing;

/// <summary>
/// The database as each item of an import sees it: what the search found, with what the items
/// before it wrote. Lookups answer from memory what the search's indexes answered for every item at
/// once, so an item finds the profile an earlier item created or changed.
/// </summary>
internal sealed class ImportView
{
    private readonly Dictionary<ProfileId, Profile> stored;
    private readonly Dictionary<ProfileId, Profile> touched = [];
    private readonly Dictionary<UniqueValue, ProfileId> holders = [];
    private readonly Dictionary<(ProfileId Profile, string Field), UniqueValue> held = [];
    private Dictionary<string, HashSet<ProfileId>>? byPhone;
    private Dictionary<string, HashSet<ProfileId>>? byFieldKey;
    private readonly Dictionary<(Channel Channel, string Key), HashSet<ProfileId>> bySubscription = [];

    public ImportView(ImportSnapshot snapshot)
    {
        stored = snapshot.Profiles.ToDictionary(p => p.Id);
        foreach (var (value, holder) in snapshot.UniqueHolders)
        {
            Hold(holder, value);
        }

        foreach (var (channel, key, profile) in snapshot.Subscribers)
        {
            Add(bySubscription, (channel, key), profile);
        }
    }

    /// <summary>The profiles touched so far: new ones and copies of stored ones, as the items left them.</summary>
    public IEnumerable<Profile> Touched => touched.Values;

    public bool IsStored(ProfileId id) => stored.ContainsKey(id);

    /// <summary>The profiles the criteria find now.</summary>
    public IEnumerable<ProfileId> Find(MatchCriteria criteria) => criteria.Lookups.SelectMany(Find);

    private IEnumerable<ProfileId> Find(MatchLookup lookup) => lookup switch
    {
        MatchLookup.Holder value => HolderOf(new UniqueValue(value.Field, value.Key)) is { } holder ? [holder] : [],
        MatchLookup.Subscriber subscriber => Found(bySubscription, (subscriber.Channel, subscriber.Key)),
        MatchLookup.ProfilePhone phone => Found(byPhone ??= Index(p => p.Phones), phone.Phone),
        MatchLookup.ProfileField field => Found(byFieldKey ??= Index(p => p.MatchKeys), field.Token)
            .Where(id => Current(id).KeyOf(field.Field) == field.Key),
        MatchLookup.Profile profile => stored.ContainsKey(profile.Id) ? [profile.Id] : [],
        _ => throw new ArgumentOutOfRangeException(nameof(lookup), lookup, "unknown lookup"),
    };

    public ProfileId? HolderOf(UniqueValue value) => holders.TryGetValue(value, out var holder) ? holder : null;

    /// <summary>The profile as the items before left it, to change; a stored one is copied on its first change.</summary>
    /// <exception cref="SearchRacedException">The search found the profile's id but not the profile.</exception>
    public Profile Change(ProfileId id)
    {
        if (touched.TryGetValue(id, out var profile))
        {
            return profile;
        }

        return touched[id] = stored.TryGetValue(id, out var found)
            ? found.Copy()
            : throw new SearchRacedException($"profile {id} was committed while the import searched");
    }

    /// <summary>Records what an item wrote: the profile as it now is, its new unique values, its subscriptions.</summary>
    public void Wrote(Profile profile, IEnumerable<UniqueValue> claimed, IEnumerable<SubscriptionContact> subscribed)
    {
        touched[profile.Id] = profile;
        foreach (var value in claimed)
        {
            if (held.Remove((profile.Id, value.Field), out var previous))
            {
                holders.Remove(previous);
            }

            Hold(profile.Id, value);
        }

        IndexProfile(profile);
        foreach (var contact in subscribed)
        {
            Add(bySubscription, (contact.Channel, contact.Key), profile.Id);
        }
    }

    private void Hold(ProfileId holder, UniqueValue value)
    {
        holders[value] = holder;
        held[(holder, value.Field)] = value;
    }

    // Phones only grow and an entry for an old field value is checked on lookup, so indexing adds only.
    private void IndexProfile(Profile profile)
    {
        AddAll(byPhone, profile.Phones, profile.Id);
        AddAll(byFieldKey, profile.MatchKeys, profile.Id);
    }

    /// <summary>An index of the profiles' phones or field keys, made on its first lookup: email matching never needs one.</summary>
    private Dictionary<string, HashSet<ProfileId>> Index(Func<Profile, IEnumerable<string>> keys)
    {
        var index = new Dictionary<string, HashSet<ProfileId>>(StringComparer.Ordinal);
        foreach (var profile in stored.Values.Where(p => !touched.ContainsKey(p.Id)).Concat(touched.Values))
        {
            AddAll(index, keys(profile), profile.Id);
        }

        return index;
    }

    private static void AddAll(Dictionary<string, HashSet<ProfileId>>? index, IEnumerable<string> keys, ProfileId id)
    {
        if (index is null)
        {
            return;
        }

        foreach (var key in keys)
        {
            Add(index, key, id);
        }
    }

    private Profile Current(ProfileId id) => touched.TryGetValue(id, out var profile) ? profile : stored[id];

    private static IEnumerable<ProfileId> Found<TKey>(Dictionary<TKey, HashSet<ProfileId>> index, TKey key)
        where TKey : notnull =>
        index.TryGetValue(key, out var found) ? found : [];

    private static void Add<TKey>(Dictionary<TKey, HashSet<ProfileId>> index, TKey key, ProfileId id)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var ids))
        {
            index[key] = ids = [];
        }

        ids.Add(id);
    }
}
