using Microsoft.Extensions.Options;

namespace OcelotGateway.Caching;

/// <summary>
/// The in-process store: entries expire at an absolute time (read from the gateway's <see cref="TimeProvider"/>), and the
/// least recently used ones are evicted once the byte budget (<see cref="CachingOptions.MemoryLimitBytes"/>) is exceeded,
/// so a busy gateway's memory stays bounded however many distinct keys it sees.
/// </summary>
public sealed class MemoryCacheStore : ICacheStore
{
    /// <summary>Rough bookkeeping cost of one entry (node, dictionary slot, object headers) counted against the budget.</summary>
    internal const int EntryOverheadBytes = 128;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _regions = new(StringComparer.Ordinal);

    /// <summary>Most recently used first; eviction takes from the end.</summary>
    private readonly LinkedList<Entry> _recency = new();
    private readonly TimeProvider _time;
    private readonly long _limit;
    private long _size;

    public MemoryCacheStore(IOptions<CachingOptions> options, TimeProvider time)
    {
        _limit = options.Value.MemoryLimitBytes;
        _time = time;
    }

    /// <summary>Bytes counted against the budget right now.</summary>
    public long Size
    {
        get
        {
            lock (_lock)
            {
                return _size;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public ValueTask<CacheLookup> GetAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return ValueTask.FromResult(CacheLookup.Missing);
            }

            if (node.Value.ExpiresAt <= _time.GetUtcNow())
            {
                Remove(node);
                return ValueTask.FromResult(CacheLookup.Missing);
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return ValueTask.FromResult(CacheLookup.Found(node.Value.Value));
        }
    }

    public ValueTask<CacheStoreStatus> SetAsync(string key, byte[] value, TimeSpan ttl, string? region, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Store(key, value, ttl, region);
        }

        return ValueTask.FromResult(CacheStoreStatus.Done);
    }

    public ValueTask<CacheLookup> AddOrGetAsync(string key, byte[] value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && node.Value.ExpiresAt > _time.GetUtcNow())
            {
                return ValueTask.FromResult(CacheLookup.Found(node.Value.Value));
            }

            Store(key, value, ttl, region: null);
        }

        return ValueTask.FromResult(CacheLookup.Missing);
    }

    public ValueTask<CacheStoreStatus> RemoveAsync(string key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                Remove(node);
            }
        }

        return ValueTask.FromResult(CacheStoreStatus.Done);
    }

    public ValueTask<CacheStoreStatus> ClearRegionAsync(string region, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_regions.TryGetValue(region, out var keys))
            {
                foreach (var key in keys.ToArray())
                {
                    Remove(_entries[key]);
                }
            }
        }

        return ValueTask.FromResult(CacheStoreStatus.Done);
    }

    private void Store(string key, byte[] value, TimeSpan ttl, string? region)
    {
        if (_entries.TryGetValue(key, out var existing))
        {
            Remove(existing);
        }

        var entry = new Entry(key, value, _time.GetUtcNow() + ttl, region);
        if (entry.Size > _limit)
        {
            // Would evict everything else and still not fit.
            return;
        }

        _entries[key] = _recency.AddFirst(entry);
        _size += entry.Size;
        if (region is not null)
        {
            if (!_regions.TryGetValue(region, out var keys))
            {
                _regions[region] = keys = new HashSet<string>(StringComparer.Ordinal);
            }

            keys.Add(key);
        }

        while (_size > _limit && _recency.Last is { } oldest)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        var entry = node.Value;
        _recency.Remove(node);
        _entries.Remove(entry.Key);
        _size -= entry.Size;
        if (entry.Region is not null && _regions.TryGetValue(entry.Region, out var keys))
        {
            keys.Remove(entry.Key);
            if (keys.Count == 0)
            {
                _regions.Remove(entry.Region);
            }
        }
    }

    private sealed class Entry(string key, byte[] value, DateTimeOffset expiresAt, string? region)
    {
        public string Key { get; } = key;

        public byte[] Value { get; } = value;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public string? Region { get; } = region;

        public long Size { get; } = (key.Length * sizeof(char)) + value.Length + EntryOverheadBytes;
    }
}
