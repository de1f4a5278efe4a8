using System.Collections.Concurrent;

namespace QuickImport.Infrastructure.Caching;

/// <summary>
/// What imports look up on every request and admins rarely change — token owners, databases with
/// their fields, resources, automations — held in memory so an import costs no round trip for them.
/// </summary>
/// <remarks>
/// Only found objects are kept (an object created later is seen at once). Every change that matters
/// drops everything (<see cref="Clear"/>): changes are rare, and one rule is easy to trust. Entries
/// carry the generation they were read in, so a read that raced a change is never served. The cache
/// serves only while <see cref="MetadataChangeListener"/> hears other instances' changes; without
/// it, every lookup goes to PostgreSQL.
/// </remarks>
internal sealed class MetadataCache
{
    private readonly ConcurrentDictionary<object, Entry> entries = new();
    private long generation;
    private volatile bool live;

    /// <summary>Whether changes made by other instances are heard, and so whether entries may be served.</summary>
    public bool IsLive => live;

    public async Task<TValue?> GetOrLoadAsync<TKey, TValue>(
        TKey key,
        Func<CancellationToken, Task<TValue?>> load,
        CancellationToken cancellationToken)
        where TKey : notnull
        where TValue : class
    {
        var current = Interlocked.Read(ref generation);
        if (live && entries.TryGetValue(key, out var entry) && entry.Generation == current)
        {
            return (TValue)entry.Value;
        }

        var value = await load(cancellationToken);
        if (live && value is not null)
        {
            entries[key] = new Entry(value, current);
        }

        return value;
    }

    /// <summary>Forgets everything held; reads still under way when it runs are not kept either.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    /// <summary>Changes of other instances are heard again: what was held meanwhile may be stale.</summary>
    internal void GoLive()
    {
        Clear();
        live = true;
    }

    /// <summary>Changes of other instances can no longer be heard: serve nothing from memory.</summary>
    internal void GoDark()
    {
        live = false;
        Clear();
    }

    private sealed record Entry(object Value, long Generation);
}
