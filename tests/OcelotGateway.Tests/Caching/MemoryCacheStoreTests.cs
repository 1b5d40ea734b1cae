using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Caching;

namespace OcelotGateway.Tests.Caching;

public sealed class MemoryCacheStoreTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Set_BeyondTheBudget_EvictsTheLeastRecentlyUsed()
    {
        // Three 1000-byte entries fit in 3.5 entries' worth of budget; a fourth pushes out the oldest unused one.
        var store = Create(limit: (long)(3.5 * EntrySize("k1", 1000)));
        await store.SetAsync("k1", new byte[1000], Ttl, null, default);
        await store.SetAsync("k2", new byte[1000], Ttl, null, default);
        await store.SetAsync("k3", new byte[1000], Ttl, null, default);
        await store.GetAsync("k1", default);

        await store.SetAsync("k4", new byte[1000], Ttl, null, default);

        Assert.Equal(CacheStoreStatus.Done, (await store.GetAsync("k1", default)).Status);
        Assert.Equal(CacheStoreStatus.Missing, (await store.GetAsync("k2", default)).Status);
        Assert.Equal(CacheStoreStatus.Done, (await store.GetAsync("k3", default)).Status);
        Assert.Equal(CacheStoreStatus.Done, (await store.GetAsync("k4", default)).Status);
        Assert.Equal(3, store.Count);
        Assert.True(store.Size <= (long)(3.5 * EntrySize("k1", 1000)));
    }

    [Fact]
    public async Task Set_LargerThanTheWholeBudget_IsNotKept_AndEvictsNothing()
    {
        var store = Create(limit: 4096);
        await store.SetAsync("small", new byte[100], Ttl, null, default);

        await store.SetAsync("huge", new byte[5000], Ttl, null, default);

        Assert.Equal(CacheStoreStatus.Missing, (await store.GetAsync("huge", default)).Status);
        Assert.Equal(CacheStoreStatus.Done, (await store.GetAsync("small", default)).Status);
    }

    [Fact]
    public async Task Get_AfterTheTtl_Misses_AndFreesTheBudget()
    {
        var store = Create();
        await store.SetAsync("k", [1, 2, 3], TimeSpan.FromSeconds(10), null, default);

        _time.Advance(TimeSpan.FromSeconds(9.9));
        var before = await store.GetAsync("k", default);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        var after = await store.GetAsync("k", default);

        Assert.Equal([1, 2, 3], before.Value);
        Assert.Equal(CacheStoreStatus.Missing, after.Status);
        Assert.Equal(0, store.Size);
    }

    [Fact]
    public async Task Replacing_AKey_CountsItOnce()
    {
        var store = Create();
        await store.SetAsync("k", new byte[100], Ttl, "r", default);
        await store.SetAsync("k", new byte[200], Ttl, "r", default);

        Assert.Equal(1, store.Count);
        Assert.Equal(EntrySize("k", 200), store.Size);
    }

    [Fact]
    public async Task ClearRegion_RemovesOnlyThatRegion()
    {
        var store = Create();
        await store.SetAsync("a1", [1], Ttl, "a", default);
        await store.SetAsync("a2", [2], Ttl, "a", default);
        await store.SetAsync("b1", [3], Ttl, "b", default);
        await store.SetAsync("none", [4], Ttl, null, default);

        await store.ClearRegionAsync("a", default);

        Assert.Equal(CacheStoreStatus.Missing, (await store.GetAsync("a1", default)).Status);
        Assert.Equal(CacheStoreStatus.Missing, (await store.GetAsync("a2", default)).Status);
        Assert.Equal(CacheStoreStatus.Done, (await store.GetAsync("b1", default)).Status);
        Assert.Equal(CacheStoreStatus.Done, (await store.GetAsync("none", default)).Status);
    }

    [Fact]
    public async Task AddOrGet_StoresOnlyWhenTheKeyIsFreeOrExpired_AndOtherwiseAnswersWhatIsThere()
    {
        var store = Create();

        var first = await store.AddOrGetAsync("k", [1], TimeSpan.FromSeconds(5), default);
        var second = await store.AddOrGetAsync("k", [2], TimeSpan.FromSeconds(5), default);
        _time.Advance(TimeSpan.FromSeconds(5));
        var afterExpiry = await store.AddOrGetAsync("k", [3], TimeSpan.FromSeconds(5), default);

        Assert.Equal(CacheStoreStatus.Missing, first.Status);
        Assert.Equal(CacheStoreStatus.Done, second.Status);
        Assert.Equal([1], second.Value);
        Assert.Equal(CacheStoreStatus.Missing, afterExpiry.Status);
        Assert.Equal([3], (await store.GetAsync("k", default)).Value);
    }

    [Fact]
    public async Task Remove_FreesTheKeyAndItsBytes()
    {
        var store = Create();
        await store.SetAsync("k", new byte[100], TimeSpan.FromSeconds(5), region: "r", default);

        await store.RemoveAsync("k", default);
        await store.RemoveAsync("never-stored", default);

        Assert.Equal(CacheStoreStatus.Missing, (await store.GetAsync("k", default)).Status);
        Assert.Equal(0, store.Size);
        Assert.Equal(0, store.Count);
    }

    private MemoryCacheStore Create(long limit = 1024 * 1024) =>
        new(Options.Create(new CachingOptions { MemoryLimitBytes = limit }), _time);

    private static long EntrySize(string key, int bytes) => (key.Length * sizeof(char)) + bytes + MemoryCacheStore.EntryOverheadBytes;
}
