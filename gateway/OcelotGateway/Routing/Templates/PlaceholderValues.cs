using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace OcelotGateway.Routing.Templates;

/// <summary>
/// The placeholder values of one request, in the order they were found: names without braces (<c>id</c> for <c>{id}</c>),
/// looked up case-sensitively as Ocelot's string replace of <c>{id}</c> does. There are only a handful per request, so a
/// linear scan beats hashing; the storage is kept across <see cref="Clear"/> so an instance can be reused.
/// </summary>
public sealed class PlaceholderValues : IReadOnlyList<KeyValuePair<string, string>>
{
    private KeyValuePair<string, string>[] _items;
    private int _count;

    public PlaceholderValues()
    {
        _items = [];
    }

    /// <param name="capacity">How many values are expected (a route template's placeholders), so none is copied to grow.</param>
    public PlaceholderValues(int capacity)
    {
        _items = capacity > 0 ? new KeyValuePair<string, string>[capacity] : [];
    }

    public int Count => _count;

    public KeyValuePair<string, string> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return _items[index];
        }
    }

    /// <summary>
    /// Sets the value of <paramref name="name"/>. A name that is already present keeps its position and takes the new value:
    /// a claim sent to the downstream path (<c>ChangeDownstreamPathTemplate</c>) overrides the value taken from the URL.
    /// </summary>
    public void Add(string name, string value)
    {
        var index = IndexOf(name);
        if (index >= 0)
        {
            _items[index] = new KeyValuePair<string, string>(name, value);
            return;
        }

        Append(name, value);
    }

    public bool TryGetValue(string name, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(name);
        if (index < 0)
        {
            value = null;
            return false;
        }

        value = _items[index].Value;
        return true;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _items[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Adds the value unless the name is already present. Ocelot appends header captures after the path values and then
    /// replaces placeholders in list order, so on a name clash the value found first is the one that reaches the URL.
    /// </summary>
    internal void AddIfAbsent(string name, string value)
    {
        if (IndexOf(name) < 0)
        {
            Append(name, value);
        }
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void Append(string name, string value)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _count * 2));
        }

        _items[_count++] = new KeyValuePair<string, string>(name, value);
    }
}
