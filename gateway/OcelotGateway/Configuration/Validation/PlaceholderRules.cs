using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Every <c>{name}</c> in a <c>DownstreamPathTemplate</c> must get a value, or it is sent downstream literally, braces and
/// all. Values come from the upstream template, <c>{header:name}</c> captures, <c>ChangeDownstreamPathTemplate</c> claims and,
/// for a route used by an aggregate, the aggregate's template and <c>RouteKeysConfig</c> parameters.
/// </summary>
internal static class PlaceholderRules
{
    private const string HeaderPrefix = "{header:";

    /// <param name="upstreamNames">Placeholders of the route's upstream template.</param>
    /// <param name="downstreamNames">Placeholders of the route's downstream template.</param>
    /// <param name="fromAggregates">Names an aggregate using this route provides.</param>
    public static void Check(
        FileRoute route,
        IReadOnlyList<string> upstreamNames,
        IReadOnlyList<string> downstreamNames,
        IReadOnlySet<string> fromAggregates,
        ProblemScope scope)
    {
        var defined = new HashSet<string>(upstreamNames, StringComparer.Ordinal);
        defined.UnionWith(HeaderCaptures(route.UpstreamHeaderTemplates));
        defined.UnionWith(route.ChangeDownstreamPathTemplate.Keys);
        defined.UnionWith(fromAggregates);

        foreach (var name in downstreamNames.Distinct(StringComparer.Ordinal).Where(n => !defined.Contains(n)))
        {
            var sameButCase = defined.FirstOrDefault(d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));
            var available = defined.Count == 0 ? "none is defined" : "defined: " + string.Join(", ", defined.Order(StringComparer.Ordinal).Select(d => "{" + d + "}"));
            scope.Error(
                nameof(FileRoute.DownstreamPathTemplate),
                sameButCase is not null
                    ? $"placeholder {{{name}}} is not defined; names are case-sensitive, did you mean {{{sameButCase}}}?"
                    : $"placeholder {{{name}}} is not defined by UpstreamPathTemplate, UpstreamHeaderTemplates or ChangeDownstreamPathTemplate ({available}); it would be sent literally");
        }

        foreach (var key in route.ChangeDownstreamPathTemplate.Keys.Where(k => !downstreamNames.Contains(k, StringComparer.Ordinal)))
        {
            scope.Error(
                nameof(FileRoute.ChangeDownstreamPathTemplate) + "." + key,
                $"DownstreamPathTemplate '{route.DownstreamPathTemplate}' has no {{{key}}} for this claim to fill");
        }
    }

    /// <summary>The names captured by <c>{header:name}</c> in header templates (prefix in any case, as the matcher reads it).</summary>
    public static IEnumerable<string> HeaderCaptures(IReadOnlyDictionary<string, string> headerTemplates)
    {
        foreach (var template in headerTemplates.Values)
        {
            if (template is null)
            {
                continue;
            }

            var start = 0;
            while ((start = template.IndexOf(HeaderPrefix, start, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                var close = template.IndexOf('}', start + HeaderPrefix.Length);
                if (close < 0)
                {
                    break;
                }

                yield return template[(start + HeaderPrefix.Length)..close];
                start = close + 1;
            }
        }
    }
}
