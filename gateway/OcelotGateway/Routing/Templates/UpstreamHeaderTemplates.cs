using Microsoft.AspNetCore.Http;

namespace OcelotGateway.Routing.Templates;

/// <summary>
/// A route's compiled <c>UpstreamHeaderTemplates</c>: every listed header must be present and its value, all values joined
/// with ',' as Ocelot reads them, must fit the template (ignoring case unless the route is case-sensitive).
/// </summary>
public sealed class UpstreamHeaderTemplates
{
    private readonly UpstreamHeaderTemplate[] _templates;

    /// <param name="templates">Header name → template, e.g. <c>{"Region": "{header:code}"}</c>.</param>
    /// <param name="caseSensitive">The route's <c>RouteIsCaseSensitive</c>.</param>
    public UpstreamHeaderTemplates(IReadOnlyDictionary<string, string> templates, bool caseSensitive)
    {
        _templates = new UpstreamHeaderTemplate[templates.Count];
        var i = 0;
        foreach (var (header, template) in templates)
        {
            _templates[i++] = new UpstreamHeaderTemplate(header, template, caseSensitive);
        }
    }

    public static UpstreamHeaderTemplates Empty { get; } = new(new Dictionary<string, string>(), caseSensitive: false);

    public bool IsEmpty => _templates.Length == 0;

    /// <summary>
    /// Whether the request headers fit every template. Only on success are the <c>{header:name}</c> captures added to
    /// <paramref name="values"/>, as placeholders <c>name</c>; a name the path already gave keeps the path's value.
    /// </summary>
    public bool TryMatch(IHeaderDictionary headers, PlaceholderValues values)
    {
        foreach (var template in _templates)
        {
            if (!headers.TryGetValue(template.HeaderName, out var value) || !template.IsMatch(value.ToString()))
            {
                return false;
            }
        }

        foreach (var template in _templates)
        {
            if (template.HasPlaceholders)
            {
                template.AddValues(headers[template.HeaderName].ToString(), values);
            }
        }

        return true;
    }
}
