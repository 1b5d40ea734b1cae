using System.Buffers;
using OcelotGateway.Routing.Paths;

namespace OcelotGateway.Routing.Templates;

/// <summary>
/// A compiled <c>DownstreamPathTemplate</c>: placeholders are replaced by the request's values, then the path and query are
/// derived as in Ocelot. A placeholder without a value stays in the path as written, braces included. Unlike Ocelot, a value
/// can neither leave the template's path (no dot segment of its making) nor change the query's structure.
/// </summary>
public sealed class DownstreamPathTemplate
{
    // Value ranges of up to this many placeholders are kept on the stack.
    private const int MaxStackPlaceholders = 16;

    private static readonly SearchValues<char> PathDelimiters = SearchValues.Create("?#");
    private static readonly SearchValues<char> QueryDelimiters = SearchValues.Create("&#?+");

    private readonly TemplatePart[] _parts;
    private readonly string[] _placeholderNames;
    private readonly int _placeholderParts;

    // Index of the literal part holding the template's first '?': placeholders after it are in the query.
    private readonly int _queryPart;

    // Without placeholders or '?' the result depends only on the upstream path's trailing slash, so both are computed once.
    private readonly bool _isPlainPath;
    private readonly string _pathWithoutTrailingSlash;

    private DownstreamPathTemplate(string template)
    {
        Template = template;
        _parts = TemplatePart.Split(template);
        _placeholderNames = TemplatePart.PlaceholderNames(_parts);
        _placeholderParts = _parts.Count(p => p.IsPlaceholder);
        _queryPart = Array.FindIndex(_parts, p => !p.IsPlaceholder && p.Text.Contains('?', StringComparison.Ordinal));
        if (_queryPart < 0)
        {
            _queryPart = _parts.Length;
        }

        _isPlainPath = _placeholderNames.Length == 0 && !template.Contains('?', StringComparison.Ordinal);
        _pathWithoutTrailingSlash = TrimTrailingSlashes(template);
    }

    public string Template { get; }

    /// <summary>The placeholder names without braces, in order of appearance.</summary>
    public IReadOnlyList<string> PlaceholderNames => _placeholderNames;

    public static DownstreamPathTemplate Parse(string template) => new(template);

    /// <summary>
    /// Builds the downstream path and query. Returns false, building nothing, when a value would make a dot segment of the
    /// path (see <see cref="DotSegments"/>): the request would leave the route's downstream path.
    /// </summary>
    /// <param name="values">The request's placeholder values (path, header and claim values).</param>
    /// <param name="upstreamPath">The request path: only whether it ends with '/' matters.</param>
    /// <param name="upstreamQueryString">The raw request query with its leading '?', or null or empty.</param>
    public bool TryBuild(PlaceholderValues values, string upstreamPath, string? upstreamQueryString, out DownstreamTarget target)
    {
        var upstreamQuery = upstreamQueryString ?? string.Empty;

        // A trailing '/' produced by the template (or an empty last value) is dropped unless the request had one too.
        var keepTrailingSlash = upstreamPath.EndsWith('/');
        if (_isPlainPath)
        {
            target = new DownstreamTarget(
                keepTrailingSlash ? Template : _pathWithoutTrailingSlash,
                DownstreamQuery.WithoutPlaceholderParameters(upstreamQuery, values));
            return true;
        }

        Span<int> valueRanges = _placeholderParts <= MaxStackPlaceholders ? stackalloc int[2 * _placeholderParts] : new int[2 * _placeholderParts];
        var text = _placeholderParts == 0 ? Template : Substitute(values, valueRanges);
        if (!keepTrailingSlash)
        {
            text = TrimTrailingSlashes(text);
        }

        // Values never hold a raw '?' (see Substitute), so the first one is the template's own.
        var queryStart = text.IndexOf('?', StringComparison.Ordinal);
        var pathEnd = queryStart < 0 ? text.Length : queryStart;
        if (_placeholderParts > 0 && DotSegments.AnyFromValues(text.AsSpan(0, pathEnd), valueRanges))
        {
            target = default;
            return false;
        }

        target = queryStart < 0
            ? new DownstreamTarget(text, DownstreamQuery.WithoutPlaceholderParameters(upstreamQuery, values))
            : new DownstreamTarget(
                queryStart == 0 ? "/" : text[..queryStart],
                DownstreamQuery.Merge(text[queryStart..], upstreamQuery, values));
        return true;
    }

    public override string ToString() => Template;

    // Ocelot trims every trailing '/'; a path trimmed to nothing is sent as "/".
    private static string TrimTrailingSlashes(string text)
    {
        if (!text.EndsWith('/'))
        {
            return text;
        }

        var trimmed = text.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }

    /// <summary>
    /// Values are inserted in one pass and never re-scanned, so a value that happens to contain "{name}" stays as it is. A
    /// value cannot end the path or add query parameters: in the path its '?' and '#' are escaped, in the query its '&amp;',
    /// '#', '?' and '+' (Ocelot inserts values as they are, so there a value "1&amp;role=admin" adds a parameter).
    /// <paramref name="valueRanges"/> receives the start and end of each inserted value (-1 for a missing one).
    /// </summary>
    private string Substitute(PlaceholderValues values, Span<int> valueRanges)
    {
        var length = 0;
        var placeholder = 0;
        for (var i = 0; i < _parts.Length; i++)
        {
            var part = _parts[i];
            if (!part.IsPlaceholder)
            {
                length += part.Text.Length;
                continue;
            }

            if (values.TryGetValue(part.Text, out var value))
            {
                valueRanges[placeholder] = length;
                length += value.Length + 2 * CountOf(value, Delimiters(i));
                valueRanges[placeholder + 1] = length;
            }
            else
            {
                valueRanges[placeholder] = valueRanges[placeholder + 1] = -1;
                length += part.Text.Length + 2;
            }

            placeholder += 2;
        }

        return string.Create(length, (this, values), static (buffer, state) =>
        {
            var parts = state.Item1._parts;
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];
                if (!part.IsPlaceholder)
                {
                    part.Text.CopyTo(buffer);
                    buffer = buffer[part.Text.Length..];
                }
                else if (state.values.TryGetValue(part.Text, out var value))
                {
                    buffer = WriteEscaped(buffer, value, state.Item1.Delimiters(i));
                }
                else
                {
                    buffer[0] = '{';
                    part.Text.CopyTo(buffer[1..]);
                    buffer[part.Text.Length + 1] = '}';
                    buffer = buffer[(part.Text.Length + 2)..];
                }
            }
        });
    }

    private SearchValues<char> Delimiters(int partIndex) => partIndex > _queryPart ? QueryDelimiters : PathDelimiters;

    private static Span<char> WriteEscaped(Span<char> buffer, string value, SearchValues<char> delimiters)
    {
        var rest = value.AsSpan();
        while (true)
        {
            var next = rest.IndexOfAny(delimiters);
            if (next < 0)
            {
                rest.CopyTo(buffer);
                return buffer[rest.Length..];
            }

            rest[..next].CopyTo(buffer);
            var escape = buffer[next..];
            escape[0] = '%';
            escape[1] = HexDigit(rest[next] >> 4);
            escape[2] = HexDigit(rest[next] & 0xF);
            buffer = escape[3..];
            rest = rest[(next + 1)..];
        }
    }

    private static int CountOf(string value, SearchValues<char> delimiters)
    {
        var count = 0;
        var rest = value.AsSpan();
        for (var next = rest.IndexOfAny(delimiters); next >= 0; next = rest.IndexOfAny(delimiters))
        {
            count++;
            rest = rest[(next + 1)..];
        }

        return count;
    }

    private static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);
}
