using System.Text;
using System.Text.RegularExpressions;
using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Swagger.Rewriting;

/// <summary>
/// Maps downstream document paths onto one route's upstream template, segment by segment. As in SwaggerForOcelot, a
/// downstream template ending in <c>{everything}</c> covers every document path under its prefix (each one becomes its own
/// gateway path) and literal segments compare ignoring case; the <c>VirtualDirectory</c> is stripped first. Unlike it, other
/// placeholders match too: a document parameter segment <c>{symbol}</c> under a route placeholder <c>{id}</c> becomes
/// <c>{id}</c> on the gateway (the parameter is renamed), and a literal document segment fills the route placeholder.
/// </summary>
internal sealed class RoutePathMatcher
{
    private const string CatchAll = "{everything}";

    private readonly TemplatePart[][] _downstreamSegments;
    private readonly TemplatePart[][] _upstreamSegments;
    private readonly bool _isCatchAll;

    public RoutePathMatcher(SwaggerRoute route)
    {
        Route = route;
        var downstream = PathPart(route.DownstreamPathTemplate);
        if (route.VirtualDirectory is { Length: > 0 } directory
            && downstream.StartsWith(directory, StringComparison.OrdinalIgnoreCase)
            && (downstream.Length == directory.Length || downstream[directory.Length] == '/'))
        {
            downstream = downstream[directory.Length..];
        }

        _isCatchAll = downstream.EndsWith(CatchAll, StringComparison.OrdinalIgnoreCase);
        var upstream = PathPart(route.UpstreamPathTemplate);
        if (upstream.EndsWith(CatchAll, StringComparison.OrdinalIgnoreCase))
        {
            upstream = upstream[..^CatchAll.Length];
        }

        _downstreamSegments = Segments(_isCatchAll ? downstream[..^CatchAll.Length] : downstream);
        _upstreamSegments = Segments(upstream);
        UpstreamPrefix = "/" + upstream.Trim('/');
    }

    public SwaggerRoute Route { get; }

    /// <summary>The upstream template without <c>{everything}</c> and trailing '/': routes sharing it compete for a path.</summary>
    public string UpstreamPrefix { get; }

    /// <param name="documentPath">The document path with the document's base path in front (<c>/v2/pets/{petId}</c>).</param>
    /// <returns>The gateway path, or null when this route does not expose the path.</returns>
    public PathMapping? Map(string documentPath)
    {
        var segments = documentPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < _downstreamSegments.Length || (!_isCatchAll && segments.Length != _downstreamSegments.Length))
        {
            return null;
        }

        var bindings = new Dictionary<string, Binding>(StringComparer.Ordinal);
        for (var i = 0; i < _downstreamSegments.Length; i++)
        {
            if (!MatchSegment(_downstreamSegments[i], segments[i], bindings))
            {
                return null;
            }
        }

        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var added = new List<string>();
        var path = new StringBuilder();
        foreach (var segment in _upstreamSegments)
        {
            path.Append('/');
            foreach (var part in segment)
            {
                if (!part.IsPlaceholder)
                {
                    path.Append(part.Text);
                }
                else if (!bindings.TryGetValue(part.Text, out var binding))
                {
                    path.Append('{').Append(part.Text).Append('}');
                    added.Add(part.Text);
                }
                else if (binding.IsParameter)
                {
                    path.Append('{').Append(part.Text).Append('}');
                    if (!string.Equals(binding.Value, part.Text, StringComparison.Ordinal))
                    {
                        renames[binding.Value] = part.Text;
                    }
                }
                else
                {
                    path.Append(binding.Value);
                }
            }
        }

        // The catch-all's share of the document path is copied as it is, parameters keeping the document's names.
        for (var i = _downstreamSegments.Length; i < segments.Length; i++)
        {
            path.Append('/').Append(segments[i]);
        }

        return new PathMapping(path.Length == 0 ? "/" : path.ToString(), renames, added);
    }

    private static bool MatchSegment(TemplatePart[] template, string segment, Dictionary<string, Binding> bindings)
    {
        if (template is [{ IsPlaceholder: true } only])
        {
            bindings[only.Text] = IsParameter(segment) ? new Binding(segment[1..^1], IsParameter: true) : new Binding(segment, IsParameter: false);
            return true;
        }

        if (Array.TrueForAll(template, p => !p.IsPlaceholder))
        {
            return string.Equals(string.Concat(template.Select(p => p.Text)), segment, StringComparison.OrdinalIgnoreCase);
        }

        // A segment mixing text and placeholders ("{category}-{sub}"): the same template text in the document keeps the
        // parameters; a literal document segment fills them.
        var text = string.Concat(template.Select(p => p.IsPlaceholder ? "{" + p.Text + "}" : p.Text));
        if (string.Equals(text, segment, StringComparison.OrdinalIgnoreCase))
        {
            foreach (var part in template.Where(p => p.IsPlaceholder))
            {
                bindings[part.Text] = new Binding(part.Text, IsParameter: true);
            }

            return true;
        }

        if (segment.Contains('{', StringComparison.Ordinal))
        {
            return false;
        }

        var pattern = new StringBuilder("^");
        foreach (var part in template)
        {
            pattern.Append(part.IsPlaceholder ? "(.*?)" : Regex.Escape(part.Text));
        }

        var match = Regex.Match(segment, pattern.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return false;
        }

        var group = 1;
        foreach (var part in template.Where(p => p.IsPlaceholder))
        {
            bindings[part.Text] = new Binding(match.Groups[group++].Value, IsParameter: false);
        }

        return true;
    }

    /// <summary>A document segment that is exactly one path parameter, <c>{name}</c>.</summary>
    private static bool IsParameter(string segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[^1] == '}' && segment.AsSpan(1, segment.Length - 2).IndexOfAny('{', '}') < 0;

    private static string PathPart(string template)
    {
        var query = template.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? template : template[..query];
    }

    private static TemplatePart[][] Segments(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(TemplatePart.Split)];

    /// <summary>A route placeholder's value: a literal text, or the name of the document parameter it stands for.</summary>
    private readonly record struct Binding(string Value, bool IsParameter);
}
