using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace OcelotGateway.Bounds;

/// <summary>
/// A concurrent map of entries that expire, holding at most <see cref="Capacity"/> of them at rest. Expired entries are swept
/// by the writers now and then (no timer). When an add takes the map over its capacity, expired entries go first, then the
/// entries closest to expiry — for counters and sessions refreshed on use, the least recently used ones — until an eighth of
/// the capacity is free again; each evicted entry is reported to the <see cref="CapacityGuard"/>.
/// </summary>
internal sealed class BoundedExpiringMap<TValue>
    where TValue : class
{
    /// <summary>Adds between two sweeps of expired entries, so the sweep's cost is spread thin.</summary>
    private const int SweepEveryAdds = 4096;

    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private readonly Func<TValue, DateTimeOffset> _expiresAt;
    private readonly CapacityGuard _guard;
    private readonly Lock _shrinking = new();
    private int _count;
    private int _adds;

    public BoundedExpiringMap(int capacity, Func<TValue, DateTimeOffset> expiresAt, CapacityGuard guard)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _expiresAt = expiresAt;
        _guard = guard;
    }

    public int Capacity { get; }

    /// <summary>Live entries (expired ones not yet swept included).</summary>
    public int Count => Volatile.Read(ref _count);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    /// <summary>The entry of <paramref name="key"/>, created by <paramref name="create"/> when there is none.</summary>
    public TValue GetOrAdd<TState>(string key, Func<TState, TValue> create, TState state, DateTimeOffset now)
    {
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var created = create(state);
            if (_entries.TryAdd(key, created))
            {
                Added(now);
                return created;
            }
        }
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any entry there.</summary>
    public void Set(string key, TValue value, DateTimeOffset now)
    {
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                if (_entries.TryUpdate(key, value, existing))
                {
                    return;
                }
            }
            else if (_entries.TryAdd(key, value))
            {
                Added(now);
                return;
            }
        }
    }

    /// <summary>Removes every entry expired at <paramref name="now"/>.</summary>
    public void RemoveExpired(DateTimeOffset now)
    {
        foreach (var entry in _entries)
        {
            if (_expiresAt(entry.Value) <= now)
            {
                Remove(entry);
            }
        }
    }

    private void Added(DateTimeOffset now)
    {
        var count = Interlocked.Increment(ref _count);
        if (count > Capacity)
        {
            Shrink(now);
        }
        else if (Interlocked.Increment(ref _adds) % SweepEveryAdds == 0)
        {
            RemoveExpired(now);
        }
    }

    private void Shrink(DateTimeOffset now)
    {
        lock (_shrinking)
        {
            if (Count <= Capacity)
            {
                return;
            }

            RemoveExpired(now);
            if (Count <= Capacity)
            {
                return;
            }

            var target = Capacity - Math.Max(1, Capacity / 8);

            // Expiry times are read once: entries refreshed during the sort must not make the order inconsistent.
            var snapshot = _entries.ToArray();
            var expiries = Array.ConvertAll(snapshot, entry => _expiresAt(entry.Value));
            Array.Sort(expiries, snapshot);
            var evicted = 0;
            for (var i = 0; i < snapshot.Length && Count > target; i++)
            {
                if (Remove(snapshot[i]))
                {
                    evicted++;
                }
            }

            _guard.Overflowed(evicted);
        }
    }

    private bool Remove(KeyValuePair<string, TValue> entry)
    {
        // Only the exact entry seen: one replaced meanwhile is fresher and stays.
        if (!_entries.TryRemove(entry))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }
}
