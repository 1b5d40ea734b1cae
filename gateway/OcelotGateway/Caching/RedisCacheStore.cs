using Microsoft.Extensions.Logging;
using OcelotGateway.Redis;
using StackExchange.Redis;

namespace OcelotGateway.Caching;

/// <summary>
/// Cached responses in Redis, shared by every gateway instance. Lifetimes are Redis expiries. Each region is a sorted set of
/// its keys scored by expiry time, trimmed of expired members on every write, so clearing a region deletes exactly its live
/// entries. When Redis is down or slow the store answers "unavailable" (see <see cref="SharedStoreOutage"/>): never a 500.
/// </summary>
public sealed class RedisCacheStore : ICacheStore
{
    private const string SetScript = """
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        if #KEYS > 1 then
          local t = redis.call('TIME')
          local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
          local ttl = tonumber(ARGV[2])
          redis.call('ZADD', KEYS[2], now + ttl, KEYS[1])
          redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
          if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
        end
        return 1
        """;

    private const string ClearScript = """
        local members = redis.call('ZRANGE', KEYS[1], 0, -1)
        for i = 1, #members, 500 do
          redis.call('DEL', unpack(members, i, math.min(i + 499, #members)))
        end
        redis.call('DEL', KEYS[1])
        return #members
        """;

    private readonly RedisConnection _redis;
    private readonly SharedStoreOutage _outage;

    public RedisCacheStore(RedisConnection redis, TimeProvider time, ILogger<RedisCacheStore> logger)
    {
        _redis = redis;
        _outage = new SharedStoreOutage(time, logger);
    }

    public bool InOutage => _outage.InOutage;

    public async ValueTask<CacheLookup> GetAsync(string key, CancellationToken cancellationToken)
    {
        var value = await RunAsync(static (db, entryKey) => db.StringGetAsync(entryKey), EntryKey(key), cancellationToken);
        return value.Status != CacheStoreStatus.Done ? CacheLookup.Unavailable
            : value.Result.IsNull ? CacheLookup.Missing
            : CacheLookup.Found((byte[])value.Result!);
    }

    public async ValueTask<CacheStoreStatus> SetAsync(string key, byte[] value, TimeSpan ttl, string? region, CancellationToken cancellationToken)
    {
        RedisKey[] keys = region is null ? [EntryKey(key)] : [EntryKey(key), RegionKey(region)];
        RedisValue[] arguments = [value, Milliseconds(ttl)];
        var result = await RunAsync(static (db, state) => db.ScriptEvaluateAsync(SetScript, state.Keys, state.Arguments), (Keys: keys, Arguments: arguments), cancellationToken);
        return result.Status;
    }

    public async ValueTask<CacheStoreStatus> AddAsync(string key, byte[] value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var result = await RunAsync(
            static (db, state) => db.StringSetAsync(state.Key, state.Value, state.Ttl, When.NotExists),
            (Key: EntryKey(key), Value: value, Ttl: ttl),
            cancellationToken);
        return result.Status != CacheStoreStatus.Done ? result.Status
            : result.Result ? CacheStoreStatus.Done
            : CacheStoreStatus.AlreadyExists;
    }

    public async ValueTask<CacheStoreStatus> ClearRegionAsync(string region, CancellationToken cancellationToken)
    {
        var result = await RunAsync(static (db, key) => db.ScriptEvaluateAsync(ClearScript, [key]), RegionKey(region), cancellationToken);
        return result.Status;
    }

    private async ValueTask<(CacheStoreStatus Status, T Result)> RunAsync<T, TState>(
        Func<IDatabase, TState, Task<T>> operation,
        TState state,
        CancellationToken cancellationToken)
    {
        if (_outage.ShouldSkip)
        {
            return (CacheStoreStatus.Unavailable, default!);
        }

        try
        {
            var database = await _redis.GetDatabaseAsync();
            if (database is null)
            {
                _outage.Failed("not connected");
                return (CacheStoreStatus.Unavailable, default!);
            }

            var result = await operation(database, state).WaitAsync(_redis.Options.OperationTimeout, cancellationToken);
            _outage.Succeeded();
            return (CacheStoreStatus.Done, result);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            _outage.Failed(ex.GetType().Name + ": " + ex.Message);
            return (CacheStoreStatus.Unavailable, default!);
        }
    }

    private RedisKey EntryKey(string key) => _redis.Options.KeyPrefix + "cache:" + key;

    private RedisKey RegionKey(string region) => _redis.Options.KeyPrefix + "cache-region:" + region;

    private static long Milliseconds(TimeSpan ttl) => Math.Max(1, (long)ttl.TotalMilliseconds);
}
