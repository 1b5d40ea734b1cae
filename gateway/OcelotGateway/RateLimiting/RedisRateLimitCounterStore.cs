using OcelotGateway.Redis;
using StackExchange.Redis;

namespace OcelotGateway.RateLimiting;

/// <summary>
/// Counters in Redis shared by every gateway instance. One Lua script reads, counts and writes in a single round trip with
/// Redis's own clock, so instances hammering one key together let exactly <c>Limit</c> requests through per window.
/// While Redis is not used (an outage, see <see cref="RedisConnection"/>) each instance counts in-process instead: never a
/// 500, and never a wait beyond the Redis operation timeout.
/// </summary>
public sealed class RedisRateLimitCounterStore : IRateLimitCounterStore
{
    // Times are microseconds from Redis TIME; Lua numbers are doubles, exact for these values (below 2^53).
    private const string CountScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local period = tonumber(ARGV[1])
        local wait = tonumber(ARGV[2])
        local limit = tonumber(ARGV[3])
        local v = redis.call('HMGET', KEYS[1], 's', 'n', 'x')
        local s = tonumber(v[1])
        local n = tonumber(v[2])
        local x = tonumber(v[3])
        if s == nil then
          s = now; n = 1; x = nil
        else
          n = n + 1
          if n > limit and x == nil then x = now end
          local inWindow = s + period >= now
          local inWait = x ~= nil and x + wait >= now
          if (not inWindow) and (not inWait) then
            s = now; n = 1; x = nil
          elseif n > limit then
            local waiting = (wait == 0 and s + period > now) or (x + wait > now)
            if not waiting then s = now; n = 1; x = nil end
          end
        end
        if x == nil then
          redis.call('HDEL', KEYS[1], 'x')
          redis.call('HSET', KEYS[1], 's', s, 'n', n)
        else
          redis.call('HSET', KEYS[1], 's', s, 'n', n, 'x', x)
        end
        redis.call('PEXPIRE', KEYS[1], math.floor((period + wait) / 1000) + 1000)
        return {s, n, x or -1, now}
        """;

    private readonly RedisConnection _redis;
    private readonly MemoryRateLimitCounterStore _local;

    public RedisRateLimitCounterStore(RedisConnection redis, MemoryRateLimitCounterStore local)
    {
        _redis = redis;
        _local = local;
    }

    public async ValueTask<RateLimitDecision> CountAsync(string key, RateLimitRule rule, CancellationToken cancellationToken)
    {
        var (outcome, value) = await _redis.RunAsync(
            static (db, state) => db.ScriptEvaluateAsync(
                CountScript, [state.Key], [Microseconds(state.Rule.Period), Microseconds(state.Rule.Wait), state.Rule.Limit]),
            (Key: new RedisKey(_redis.Options.KeyPrefix + "rl:" + key), Rule: rule),
            cancellationToken);
        if (outcome != RedisOutcome.Done)
        {
            return await _local.CountAsync(key, rule, cancellationToken);
        }

        var result = (RedisResult[])value!;
        var exceeded = (long)result[2];
        var counter = new RateLimitCounter(
            FromMicroseconds((long)result[0]),
            (long)result[1],
            exceeded < 0 ? null : FromMicroseconds(exceeded));
        return new RateLimitDecision(counter, FromMicroseconds((long)result[3]));
    }

    private static long Microseconds(TimeSpan value) => value.Ticks / 10;

    private static DateTimeOffset FromMicroseconds(long value) => DateTimeOffset.UnixEpoch.AddTicks(value * 10);
}
