using Microsoft.Extensions.Options;
using OcelotGateway.Bounds;

namespace OcelotGateway.RateLimiting;

/// <summary>
/// Counters in this process (Ocelot's default): exact per gateway instance. Entries expire after period + wait + 1 s and are
/// swept by the writers themselves, so there is no timer. At most <see cref="RateLimitingOptions.MaxCounters"/> are kept:
/// beyond that the counters closest to expiry are evicted, so unique client ids cannot grow memory without bound.
/// </summary>
public sealed class MemoryRateLimitCounterStore : IRateLimitCounterStore
{
    public const string Structure = "rate_limit_counters";

    private readonly BoundedExpiringMap<Entry> _entries;
    private readonly TimeProvider _time;

    public MemoryRateLimitCounterStore(IOptions<RateLimitingOptions> options, CapacityGuards guards, TimeProvider time)
    {
        var limit = options.Value.MaxCounters;
        _entries = new BoundedExpiringMap<Entry>(
            limit,
            static entry => entry.ExpiresAt,
            guards.For(Structure, RateLimitingOptions.SectionName + ":" + nameof(RateLimitingOptions.MaxCounters), limit,
                "the counters closest to expiry were evicted, so their clients start a fresh window"));
        _time = time;
    }

    public int Count => _entries.Count;

    public ValueTask<RateLimitDecision> CountAsync(string key, RateLimitRule rule, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var expiresAt = now + rule.Period + rule.Wait + TimeSpan.FromSeconds(1);
        var entry = _entries.GetOrAdd(key, static expiry => new Entry { ExpiresAt = expiry }, expiresAt, now);
        RateLimitCounter counter;
        lock (entry)
        {
            var current = entry.Counter is { } existing && entry.ExpiresAt > now ? existing : (RateLimitCounter?)null;
            counter = RateLimitCounter.Next(current, rule, now);
            entry.Counter = counter;
            entry.ExpiresAt = expiresAt;
        }

        return ValueTask.FromResult(new RateLimitDecision(counter, now));
    }

    private sealed class Entry
    {
        private long _expiresAtTicks;

        public RateLimitCounter? Counter { get; set; }

        /// <summary>Read without the entry's lock when evicting, so it is one atomic value.</summary>
        public DateTimeOffset ExpiresAt
        {
            get => new(Interlocked.Read(ref _expiresAtTicks), TimeSpan.Zero);
            set => Interlocked.Exchange(ref _expiresAtTicks, value.UtcTicks);
        }
    }
}
