namespace OcelotGateway.Routing.Templates;

/// <summary>
/// A compiled <c>DownstreamPathTemplate</c>: placeholders are replaced by the request's values, then the path and query are
/// derived as in Ocelot. A placeholder without a value stays in the path as written, braces included.
/// </summary>
public sealed class DownstreamPathTemplate
{
    private readonly TemplatePart[] _parts;
    private readonly string[] _placeholderNames;

    // Without placeholders or '?' the result depends only on the upstream path's trailing slash, so both are computed once.
    private readonly bool _isPlainPath;
    private readonly string _pathWithoutTrailingSlash;

    private DownstreamPathTemplate(string template)
    {
        Template = template;
        _parts = TemplatePart.Split(template);
        _placeholderNames = TemplatePart.PlaceholderNames(_parts);
        _isPlainPath = _placeholderNames.Length == 0 && !template.Contains('?', StringComparison.Ordinal);
        _pathWithoutTrailingSlash = TrimTrailingSlashes(template);
    }

    public string Template { get; }

    /// <summary>The placeholder names without braces, in order of appearance.</summary>
    public IReadOnlyList<string> PlaceholderNames => _placeholderNames;

    public static DownstreamPathTemplate Parse(string template) => new(template);

    /// <param name="values">The request's placeholder values (path, header and claim values).</param>
    /// <param name="upstreamPath">The request path: only whether it ends with '/' matters.</param>
    /// <param name="upstreamQueryString">The raw request query with its leading '?', or null or empty.</param>
    public DownstreamTarget Build(PlaceholderValues values, string upstreamPath, string? upstreamQueryString)
    {
        var upstreamQuery = upstreamQueryString ?? string.Empty;

        // A trailing '/' produced by the template (or an empty last value) is dropped unless the request had one too.
        var keepTrailingSlash = upstreamPath.EndsWith('/');
        if (_isPlainPath)
        {
            return new DownstreamTarget(
                keepTrailingSlash ? Template : _pathWithoutTrailingSlash,
                DownstreamQuery.WithoutPlaceholderParameters(upstreamQuery, values));
        }

        var text = _placeholderNames.Length == 0 ? Template : Substitute(values);
        if (!keepTrailingSlash)
        {
            text = TrimTrailingSlashes(text);
        }

        var queryStart = text.IndexOf('?', StringComparison.Ordinal);
        return queryStart < 0
            ? new DownstreamTarget(text, DownstreamQuery.WithoutPlaceholderParameters(upstreamQuery, values))
            : new DownstreamTarget(
                queryStart == 0 ? "/" : text[..queryStart],
                DownstreamQuery.Merge(text[queryStart..], upstreamQuery, values));
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

    // Values are inserted in one pass and never re-scanned, so a value that happens to contain "{name}" stays as it is.
    private string Substitute(PlaceholderValues values)
    {
        var length = 0;
        foreach (var part in _parts)
        {
            length += !part.IsPlaceholder ? part.Text.Length
                : values.TryGetValue(part.Text, out var value) ? value.Length
                : part.Text.Length + 2;
        }

        return string.Create(length, (_parts, values), static (buffer, state) =>
        {
            foreach (var part in state._parts)
            {
                if (!part.IsPlaceholder)
                {
                    part.Text.CopyTo(buffer);
                    buffer = buffer[part.Text.Length..];
                }
                else if (state.values.TryGetValue(part.Text, out var value))
                {
                    value.CopyTo(buffer);
                    buffer = buffer[value.Length..];
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
}
