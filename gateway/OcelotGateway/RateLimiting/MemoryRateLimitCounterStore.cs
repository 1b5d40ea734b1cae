using System.Collections.Concurrent;

namespace OcelotGateway.RateLimiting;

/// <summary>
/// Counters in this process (Ocelot's default): exact per gateway instance. Entries expire after period + wait + 1 s, swept
/// now and then by the writers themselves so there is no timer.
/// </summary>
public sealed class MemoryRateLimitCounterStore : IRateLimitCounterStore
{
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _writes;

    public MemoryRateLimitCounterStore(TimeProvider time)
    {
        _time = time;
    }

    public int Count => _entries.Count;

    public ValueTask<RateLimitDecision> CountAsync(string key, RateLimitRule rule, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        RateLimitCounter counter;
        lock (entry)
        {
            var current = entry.Counter is { } existing && entry.ExpiresAt > now ? existing : (RateLimitCounter?)null;
            counter = RateLimitCounter.Next(current, rule, now);
            entry.Counter = counter;
            entry.ExpiresAt = now + rule.Period + rule.Wait + TimeSpan.FromSeconds(1);
        }

        if (Interlocked.Increment(ref _writes) % SweepEvery == 0)
        {
            Sweep(now);
        }

        return ValueTask.FromResult(new RateLimitDecision(counter, now));
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private sealed class Entry
    {
        public RateLimitCounter? Counter { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }
    }
}
