using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Bounds;

namespace OcelotGateway.Tests.Bounds;

public sealed class BoundedExpiringMapTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public void Set_PastCapacity_EvictsTheEntriesClosestToExpiry_AndReportsThem()
    {
        var (map, guard) = Create(capacity: 8);
        var now = _time.GetUtcNow();
        for (var i = 0; i < 8; i++)
        {
            map.Set("k" + i, new Item(now.AddMinutes(10 + i)), now);
        }

        map.Set("new", new Item(now.AddMinutes(60)), now);

        // Nine entries in a map of eight: evicted down to seven, so the next adds do not evict one by one.
        Assert.Equal(7, map.Count);
        Assert.False(map.TryGetValue("k0", out _));
        Assert.False(map.TryGetValue("k1", out _));
        Assert.True(map.TryGetValue("k2", out _));
        Assert.True(map.TryGetValue("new", out _));
        Assert.Equal(2, guard.Overflows);
    }

    [Fact]
    public void Set_PastCapacity_DropsExpiredEntriesFirst_WithoutReportingThem()
    {
        var (map, guard) = Create(capacity: 4);
        var now = _time.GetUtcNow();
        map.Set("expired", new Item(now.AddSeconds(1)), now);
        for (var i = 0; i < 3; i++)
        {
            map.Set("k" + i, new Item(now.AddMinutes(10)), now);
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        map.Set("new", new Item(_time.GetUtcNow().AddMinutes(10)), _time.GetUtcNow());

        Assert.Equal(4, map.Count);
        Assert.False(map.TryGetValue("expired", out _));
        Assert.Equal(0, guard.Overflows);
    }

    [Fact]
    public void Set_ReplacingAnEntry_DoesNotCount()
    {
        var (map, _) = Create(capacity: 2);
        var now = _time.GetUtcNow();
        for (var i = 0; i < 100; i++)
        {
            map.Set("same", new Item(now.AddMinutes(i)), now);
        }

        Assert.Equal(1, map.Count);
    }

    [Fact]
    public async Task AnySequenceOfConcurrentAdds_LeavesAtMostCapacityEntries()
    {
        // Invariant, over generated capacities and key streams written from several threads at once: once the writers are
        // done the map holds at most its capacity, its count matches its content, and every key added is either still there
        // or was reported as evicted. A failure prints the seed that reproduces it (CsCheck_Seed).
        var gen = Gen.Select(Gen.Int[1, 64], Gen.Int[0, 40].Array[1, 400], Gen.Int[1, 4]);
        await gen.SampleAsync(
            async (capacity, keys, writers) =>
            {
                var (map, guard) = Create(capacity);
                var now = _time.GetUtcNow();
                await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
                {
                    for (var i = w; i < keys.Length; i += writers)
                    {
                        map.GetOrAdd("key" + keys[i], static expiry => new Item(expiry), now.AddSeconds(keys[i] + 1), now);
                    }
                })));

                var distinct = keys.Distinct().Count();
                Assert.True(map.Count <= capacity, $"{map.Count} entries in a map of capacity {capacity}");
                Assert.Equal(map.Count, Enumerable.Range(0, 41).Count(k => map.TryGetValue("key" + k, out _)));
                Assert.True(map.Count + guard.Overflows >= distinct, "every key added is either kept or reported as evicted");
            },
            iter: 2_000);
    }

    private (BoundedExpiringMap<Item> Map, CapacityGuard Guard) Create(int capacity)
    {
        var guard = new CapacityGuards(_time, NullLogger<CapacityGuard>.Instance).For("test", "Gateway:Test:Max", capacity, "evicted");
        return (new BoundedExpiringMap<Item>(capacity, static item => item.ExpiresAt, guard), guard);
    }

    private sealed record Item(DateTimeOffset ExpiresAt);
}
