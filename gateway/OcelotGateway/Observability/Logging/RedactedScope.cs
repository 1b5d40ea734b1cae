using System.Collections;

namespace OcelotGateway.Observability.Logging;

/// <summary>
/// A logging scope whose values are redacted when read. Scopes such as the gateway's request scope compute their values
/// lazily (the request id is assigned after the scope begins), so nothing is copied up front.
/// </summary>
internal sealed class RedactedScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly IEnumerable<KeyValuePair<string, object?>> _inner;
    private readonly LogRedactor _redactor;

    public RedactedScope(IEnumerable<KeyValuePair<string, object?>> inner, LogRedactor redactor)
    {
        _inner = inner;
        _redactor = redactor;
    }

    public int Count => _inner is IReadOnlyCollection<KeyValuePair<string, object?>> collection ? collection.Count : _inner.Count();

    public KeyValuePair<string, object?> this[int index] => Redact(_inner is IReadOnlyList<KeyValuePair<string, object?>> list
        ? list[index]
        : _inner.ElementAt(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        foreach (var property in _inner)
        {
            yield return Redact(property);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => _redactor.Redact(_inner.ToString() ?? string.Empty);

    private KeyValuePair<string, object?> Redact(KeyValuePair<string, object?> property) =>
        new(property.Key, _redactor.RedactValue(property.Key, property.Value));
}
