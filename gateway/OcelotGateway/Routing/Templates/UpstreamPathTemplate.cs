using System.Buffers;
using System.Text.RegularExpressions;
using OcelotGateway.Routing.Paths;

namespace OcelotGateway.Routing.Templates;

/// <summary>
/// A compiled <c>UpstreamPathTemplate</c>. Matching and reading placeholder values are two separate passes with different
/// rules, as in Ocelot: a route can match while its values cannot be read (the placeholders then stay unreplaced downstream).
/// Both passes run on the path as the client sent it, decoded once and escaped again (see <see cref="ClientPath"/>), so values
/// keep their escapes: <c>/api/a%20b</c> gives <c>a%20b</c>, and <c>/api/%2541</c> gives <c>%2541</c> where Ocelot, reading the
/// decoded path, gives <c>%41</c> and so decodes the client's text a second time.
/// </summary>
public sealed class UpstreamPathTemplate
{
    // Paths plus queries up to this length are joined on the stack for matching.
    private const int StackInputLength = 256;

    // Characters a literal segment may hold and still be compared by ASP.NET routing exactly as by the template pattern:
    // URL-safe ASCII that is never escaped, and nothing that means something in a route pattern ('{', '}', '*', '?').
    private static readonly SearchValues<char> PlainSegmentChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()+,;=:@");

    private readonly Regex _matcher;
    private readonly Regex? _capturer;
    private readonly string[] _placeholderNames;
    private readonly int[] _groupNumbers;
    private readonly string? _catchAllQueryName;
    private readonly bool _retriesWithSlash;
    private readonly PrefixPlaceholderTemplate? _shortcut;

    private UpstreamPathTemplate(string template, bool caseSensitive)
    {
        Template = template;
        var queryStart = template.IndexOf('?');
        HasQuery = queryStart >= 0;
        IsCatchAllRoot = UpstreamPathPatterns.IsCatchAllRoot(template);
        LiteralPrefix = LiteralPrefixOf(template, queryStart);

        var parts = TemplatePart.Split(template);
        _placeholderNames = TemplatePart.PlaceholderNames(parts);
        _shortcut = PrefixPlaceholderTemplate.For(template, parts, caseSensitive);
        var linear = TemplateRegex.IsLinearForBacktracking(template, parts);
        _matcher = TemplateRegex.Create(UpstreamPathPatterns.Matching(template, queryStart), ignoreCase: !caseSensitive, linear);

        // The value pattern ignores case even on a case-sensitive route, as in Ocelot.
        if (_placeholderNames.Length == 0)
        {
            _groupNumbers = [];
        }
        else
        {
            _capturer = TemplateRegex.Create(UpstreamPathPatterns.Capturing(parts, _placeholderNames), ignoreCase: true, linear);
            _groupNumbers = new int[_placeholderNames.Length];
            for (var i = 0; i < _groupNumbers.Length; i++)
            {
                _groupNumbers[i] = _capturer.GroupNumberFromName(UpstreamPathPatterns.GroupName(i));
            }
        }

        // "/prefix?{q}": Ocelot gives q an empty value without looking at the request.
        var last = parts.Length - 1;
        if (_placeholderNames.Length == 1 && last > 0 && parts[last].IsPlaceholder
            && !parts[last - 1].IsPlaceholder && parts[last - 1].Text.EndsWith('?'))
        {
            _catchAllQueryName = parts[last].Text;
        }

        // A path template ending in a placeholder ("/a/{b}" or "/a/{b}/") is retried with '/' appended, so "/a" gives b = "".
        _retriesWithSlash = _placeholderNames.Length > 0
            && !HasQuery
            && (template.EndsWith('}') || template.EndsWith("}/", StringComparison.Ordinal));
    }

    public string Template { get; }

    /// <summary>The template is exactly <c>/{x}</c>: it matches every path, and Ocelot forces its priority to 0.</summary>
    public bool IsCatchAllRoot { get; }

    /// <summary>The template has a query part, so it is matched against the path and the query together.</summary>
    public bool HasQuery { get; }

    /// <summary>The placeholder names without braces, in order of appearance.</summary>
    public IReadOnlyList<string> PlaceholderNames => _placeholderNames;

    /// <summary>
    /// The leading literal segments, without a trailing '/' (<c>/stock/{x}</c> gives <c>/stock</c>, <c>/{x}/a</c> gives an
    /// empty string). Every path this template matches starts with these segments (compared ignoring case), so ASP.NET
    /// routing may pre-select candidates with it. That holds because matching runs on the escaped path, which never holds
    /// a '?' of its own, and because the segments taken are plain ASCII that escaping leaves alone.
    /// </summary>
    public string LiteralPrefix { get; }

    /// <param name="template">Already validated: starts with '/', braces balanced.</param>
    public static UpstreamPathTemplate Parse(string template, bool caseSensitive) => new(template, caseSensitive);

    /// <param name="clientPath">The request path as <see cref="ClientPath.Of"/> gives it.</param>
    /// <param name="queryString">The raw query with its leading '?', or null or empty.</param>
    public bool IsMatch(string clientPath, string? queryString)
    {
        if (!HasQuery || string.IsNullOrEmpty(queryString))
        {
            return _shortcut?.IsMatch(clientPath) ?? _matcher.IsMatch(clientPath);
        }

        var query = QueryAsOcelotSeesIt(queryString);
        var length = clientPath.Length + query.Length;
        if (length > StackInputLength)
        {
            return _matcher.IsMatch(string.Concat(clientPath, query));
        }

        Span<char> input = stackalloc char[length];
        clientPath.CopyTo(input);
        query.CopyTo(input[clientPath.Length..]);
        return _matcher.IsMatch(input);
    }

    /// <summary>
    /// Adds the placeholder values of a request this template matched. Returns false, adding nothing, when Ocelot's value
    /// pattern does not fit the request (e.g. <c>/a/{b}?x={c}</c> requested as <c>/a/1/?x=2</c>).
    /// </summary>
    /// <param name="clientPath">The request path as <see cref="ClientPath.Of"/> gives it.</param>
    /// <param name="queryString">The raw query with its leading '?', or null or empty.</param>
    /// <param name="values">Receives the values.</param>
    public bool TryGetPlaceholderValues(string clientPath, string? queryString, PlaceholderValues values)
    {
        if (_catchAllQueryName is not null)
        {
            values.Add(_catchAllQueryName, string.Empty);
            return true;
        }

        if (_capturer is null)
        {
            return true;
        }

        if (_shortcut?.TryGetValue(clientPath, values) is { } found)
        {
            return found;
        }

        var input = clientPath;
        if (HasQuery && !string.IsNullOrEmpty(queryString))
        {
            input = string.Concat(input, QueryAsOcelotSeesIt(queryString));
        }

        var match = _capturer.Match(input);
        if (!match.Success && _retriesWithSlash)
        {
            match = _capturer.Match(input + "/");
        }

        if (!match.Success)
        {
            return false;
        }

        for (var i = 0; i < _placeholderNames.Length; i++)
        {
            values.Add(_placeholderNames[i], match.Groups[_groupNumbers[i]].Value);
        }

        return true;
    }

    public override string ToString() => Template;

    // Ocelot reads Request.QueryString.ToString(), which encodes '#' and nothing else.
    private static string QueryAsOcelotSeesIt(string queryString) =>
        queryString.Contains('#', StringComparison.Ordinal) ? queryString.Replace("#", "%23", StringComparison.Ordinal) : queryString;

    private static string LiteralPrefixOf(string template, int queryStart)
    {
        var path = queryStart < 0 ? template : template[..queryStart];
        var prefixLength = 0;
        var segmentStart = 1;
        while (segmentStart <= path.Length)
        {
            var segmentEnd = path.IndexOf('/', segmentStart);
            if (segmentEnd < 0)
            {
                segmentEnd = path.Length;
            }

            if (!IsPlainSegment(path.AsSpan(segmentStart, segmentEnd - segmentStart)))
            {
                break;
            }

            prefixLength = segmentEnd;
            segmentStart = segmentEnd + 1;
        }

        return path[..prefixLength];
    }

    private static bool IsPlainSegment(ReadOnlySpan<char> segment) =>
        segment.Length > 0
        && !segment.SequenceEqual(".")
        && !segment.SequenceEqual("..")
        && !segment.ContainsAnyExcept(PlainSegmentChars);
}
