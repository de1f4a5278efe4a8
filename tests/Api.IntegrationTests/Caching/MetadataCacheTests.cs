using NUnit.Framework;
using QuickImport.Infrastructure.Caching;

namespace QuickImport.Api.IntegrationTests.Caching;

/// <summary>The rules of <see cref="MetadataCache"/> itself: what it keeps, when it serves, what a change drops.</summary>
public sealed class MetadataCacheTests
{
    [Test]
    public async Task A_found_value_is_served_from_memory_once_live()
    {
        var cache = LiveCache();
        var loads = 0;

        var first = await cache.GetOrLoadAsync(1, _ => Load(ref loads, "a"), CancellationToken.None);
        var second = await cache.GetOrLoadAsync(1, _ => Load(ref loads, "b"), CancellationToken.None);

        Assert.That((first, second, loads), Is.EqualTo(("a", "a", 1)));
    }

    [Test]
    public async Task A_miss_is_not_remembered()
    {
        var cache = LiveCache();
        var loads = 0;

        await cache.GetOrLoadAsync(1, _ => Load(ref loads, null), CancellationToken.None);
        var later = await cache.GetOrLoadAsync(1, _ => Load(ref loads, "created since"), CancellationToken.None);

        Assert.That((later, loads), Is.EqualTo(("created since", 2)));
    }

    [Test]
    public async Task Clear_drops_what_was_kept()
    {
        var cache = LiveCache();
        var loads = 0;
        await cache.GetOrLoadAsync(1, _ => Load(ref loads, "old"), CancellationToken.None);

        cache.Clear();
        var after = await cache.GetOrLoadAsync(1, _ => Load(ref loads, "new"), CancellationToken.None);

        Assert.That((after, loads), Is.EqualTo(("new", 2)));
    }

    [Test]
    public async Task A_read_that_raced_a_change_is_not_kept()
    {
        var cache = LiveCache();
        var loads = 0;

        // The change lands while the first read is still on its way back from the database.
        await cache.GetOrLoadAsync(1, _ => { cache.Clear(); return Load(ref loads, "stale"); }, CancellationToken.None);
        var next = await cache.GetOrLoadAsync(1, _ => Load(ref loads, "fresh"), CancellationToken.None);

        Assert.That((next, loads), Is.EqualTo(("fresh", 2)));
    }

    [Test]
    public async Task Nothing_is_served_while_changes_of_other_instances_cannot_be_heard()
    {
        var cache = new MetadataCache();
        var loads = 0;

        await cache.GetOrLoadAsync(1, _ => Load(ref loads, "a"), CancellationToken.None);
        await cache.GetOrLoadAsync(1, _ => Load(ref loads, "a"), CancellationToken.None);

        Assert.That(cache.IsLive, Is.False);
        Assert.That(loads, Is.EqualTo(2));
    }

    [Test]
    public async Task Keys_of_different_values_do_not_collide()
    {
        var cache = LiveCache();
        var loads = 0;

        var one = await cache.GetOrLoadAsync((1, 2), _ => Load(ref loads, "one-two"), CancellationToken.None);
        var other = await cache.GetOrLoadAsync((2, 1), _ => Load(ref loads, "two-one"), CancellationToken.None);

        Assert.That((one, other, loads), Is.EqualTo(("one-two", "two-one", 2)));
    }

    private static MetadataCache LiveCache()
    {
        var cache = new MetadataCache();
        cache.GoLive();
        return cache;
    }

    private static Task<string?> Load(ref int loads, string? value)
    {
        loads++;
        return Task.FromResult(value);
    }
}
