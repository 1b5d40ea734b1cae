namespace Samples.ServiceDefaults.Data;

/// <summary>
/// A thread-safe in-memory table keyed by a case-insensitive string id. Reads get snapshots ordered by id, so a list request
/// never sees a half-applied write and paging is stable.
/// </summary>
public sealed class InMemoryStore<T>
    where T : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, T> _items = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<T, string> _key;

    public InMemoryStore(Func<T, string> key, IEnumerable<T> seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        _key = key;
        foreach (var item in seed)
        {
            _items.Add(key(item), item);
        }
    }

    public T? Find(string id)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(id);
        }
    }

    /// <summary>The items matching <paramref name="filter"/>, ordered by id.</summary>
    public IReadOnlyList<T> Query(Func<T, bool> filter)
    {
        List<T> snapshot;
        lock (_gate)
        {
            snapshot = [.. _items.Values];
        }

        return snapshot.Where(filter).OrderBy(_key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Adds the item unless its id is taken.</summary>
    public bool TryAdd(T item)
    {
        lock (_gate)
        {
            return _items.TryAdd(_key(item), item);
        }
    }

    /// <summary>Replaces the item with <paramref name="update"/> applied to the current one; null when the id is unknown.</summary>
    public T? Update(string id, Func<T, T> update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var current))
            {
                return null;
            }

            var next = update(current);
            _items[id] = next;
            return next;
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _items.Remove(id);
        }
    }
}
