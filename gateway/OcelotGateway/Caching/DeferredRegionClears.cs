using OcelotGateway.Redis;
using StackExchange.Redis;

namespace OcelotGateway.Caching;

/// <summary>
/// Region clears asked for while Redis is out. They are done as the last step before requests use Redis again, so an entry
/// of a cleared region is never served after the outage (Redis may come back with its data: a restart with persistence, a
/// network partition, a paused process). At most <see cref="MaxRegions"/> distinct regions wait; beyond that a clear is
/// refused rather than remembered.
/// </summary>
internal sealed class DeferredRegionClears
{
    public const int MaxRegions = 1024;

    private readonly RedisConnection _redis;
    private readonly Func<IDatabase, IReadOnlyList<string>, Task<RedisResult>> _clear;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _regions = new(StringComparer.Ordinal);

    public DeferredRegionClears(RedisConnection redis, Func<IDatabase, IReadOnlyList<string>, Task<RedisResult>> clear)
    {
        _redis = redis;
        _clear = clear;
        redis.AddRecoveryStep(ApplyAsync);
        // Covers a clear remembered just after the recovery step looked (see AddAsync).
        redis.Recovered += () => _ = ApplyNowAsync(CancellationToken.None);
    }

    /// <summary><see cref="CacheStoreStatus.Deferred"/>, or <see cref="CacheStoreStatus.Unavailable"/> when too many regions wait.</summary>
    public async ValueTask<CacheStoreStatus> AddAsync(string region, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_regions.Count >= MaxRegions && !_regions.Contains(region))
            {
                return CacheStoreStatus.Unavailable;
            }

            _regions.Add(region);
        }

        // Redis may have come back between the failed attempt and now, after its recovery step ran: then do it here.
        if (_redis.IsAvailable)
        {
            await ApplyNowAsync(cancellationToken);
        }

        lock (_lock)
        {
            return _regions.Contains(region) ? CacheStoreStatus.Deferred : CacheStoreStatus.Done;
        }
    }

    private async Task ApplyNowAsync(CancellationToken cancellationToken)
    {
        if (HasWork())
        {
            await _redis.RunAsync(static async (db, self) => { await self.ApplyAsync(db); return true; }, this, cancellationToken);
        }
    }

    private async Task ApplyAsync(IDatabase database)
    {
        string[] regions;
        lock (_lock)
        {
            regions = [.. _regions];
        }

        if (regions.Length == 0)
        {
            return;
        }

        await _clear(database, regions);
        lock (_lock)
        {
            _regions.ExceptWith(regions);
        }
    }

    private bool HasWork()
    {
        lock (_lock)
        {
            return _regions.Count > 0;
        }
    }
}
