using OcelotGateway.Redis;
using StackExchange.Redis;

namespace OcelotGateway.Caching;

/// <summary>
/// Cached responses and asynchronous replies in Redis, shared by every gateway instance. Lifetimes are Redis expiries. Each
/// region is a sorted set of its keys scored by expiry time, trimmed of expired members on every write, so clearing a region
/// deletes exactly its live entries, and the same script announces the clear to every instance. While Redis is out the store
/// answers "unavailable" at once (see <see cref="RedisConnection"/>), and a region clear is remembered
/// (<see cref="DeferredRegionClears"/>) and done before Redis is used again.
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

    private const string AddOrGetScript = """
        local existing = redis.call('GET', KEYS[1])
        if existing then return existing end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return false
        """;

    // KEYS are region sets, ARGV[1] the announcement channel, ARGV[i + 1] the name of KEYS[i].
    private const string ClearScript = """
        local deleted = 0
        for k = 1, #KEYS do
          local members = redis.call('ZRANGE', KEYS[k], 0, -1)
          for i = 1, #members, 500 do
            redis.call('DEL', unpack(members, i, math.min(i + 499, #members)))
          end
          redis.call('DEL', KEYS[k])
          redis.call('PUBLISH', ARGV[1], ARGV[k + 1])
          deleted = deleted + #members
        end
        return deleted
        """;

    private readonly RedisConnection _redis;
    private readonly DeferredRegionClears _deferred;

    public RedisCacheStore(RedisConnection redis)
    {
        _redis = redis;
        _deferred = new DeferredRegionClears(redis, ClearAsync);
    }

    /// <summary>The channel region clears are announced on, so every instance drops its calls under way for the region.</summary>
    public static RedisChannel ClearChannel(RedisOptions options) => RedisChannel.Literal(options.KeyPrefix + "cache-clear");

    public async ValueTask<CacheLookup> GetAsync(string key, CancellationToken cancellationToken)
    {
        var (outcome, value) = await _redis.RunAsync(static (db, entryKey) => db.StringGetAsync(entryKey), EntryKey(key), cancellationToken);
        return outcome != RedisOutcome.Done ? CacheLookup.Unavailable
            : value.IsNull ? CacheLookup.Missing
            : CacheLookup.Found((byte[])value!);
    }

    public async ValueTask<CacheStoreStatus> SetAsync(string key, byte[] value, TimeSpan ttl, string? region, CancellationToken cancellationToken)
    {
        RedisKey[] keys = region is null ? [EntryKey(key)] : [EntryKey(key), RegionKey(region)];
        RedisValue[] arguments = [value, Milliseconds(ttl)];
        var (outcome, _) = await _redis.RunAsync(static (db, state) => db.ScriptEvaluateAsync(SetScript, state.Keys, state.Arguments), (Keys: keys, Arguments: arguments), cancellationToken);
        return Status(outcome);
    }

    public async ValueTask<CacheLookup> AddOrGetAsync(string key, byte[] value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var (outcome, existing) = await _redis.RunAsync(
            static (db, state) => db.ScriptEvaluateAsync(AddOrGetScript, [state.Key], [state.Value, state.Ttl]),
            (Key: EntryKey(key), Value: value, Ttl: Milliseconds(ttl)),
            cancellationToken);
        return outcome != RedisOutcome.Done ? CacheLookup.Unavailable
            : existing.IsNull ? CacheLookup.Missing
            : CacheLookup.Found((byte[])existing!);
    }

    public async ValueTask<CacheStoreStatus> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        var (outcome, _) = await _redis.RunAsync(static (db, entryKey) => db.KeyDeleteAsync(entryKey), EntryKey(key), cancellationToken);
        return Status(outcome);
    }

    /// <summary><see cref="CacheStoreStatus.Deferred"/> while Redis is out: the clear is done before Redis is used again.</summary>
    public async ValueTask<CacheStoreStatus> ClearRegionAsync(string region, CancellationToken cancellationToken)
    {
        var (outcome, _) = await _redis.RunAsync(static (db, state) => state.Store.ClearAsync(db, [state.Region]), (Store: this, Region: region), cancellationToken);
        return outcome switch
        {
            RedisOutcome.Done => CacheStoreStatus.Done,
            RedisOutcome.Unavailable => await _deferred.AddAsync(region, cancellationToken),
            _ => CacheStoreStatus.Unavailable,
        };
    }

    private Task<RedisResult> ClearAsync(IDatabase database, IReadOnlyList<string> regions)
    {
        var keys = new RedisKey[regions.Count];
        var arguments = new RedisValue[regions.Count + 1];
        arguments[0] = ClearChannel(_redis.Options).ToString();
        for (var i = 0; i < regions.Count; i++)
        {
            keys[i] = RegionKey(regions[i]);
            arguments[i + 1] = regions[i];
        }

        return database.ScriptEvaluateAsync(ClearScript, keys, arguments);
    }

    private static CacheStoreStatus Status(RedisOutcome outcome) => outcome == RedisOutcome.Done ? CacheStoreStatus.Done : CacheStoreStatus.Unavailable;

    private RedisKey EntryKey(string key) => _redis.Options.KeyPrefix + "cache:" + key;

    private RedisKey RegionKey(string region) => _redis.Options.KeyPrefix + "cache-region:" + region;

    private static long Milliseconds(TimeSpan ttl) => Math.Max(1, (long)ttl.TotalMilliseconds);
}
