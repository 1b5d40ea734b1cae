using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Ocelot's duplicate checks: two routes with the same upstream template, host and header templates may not both answer
/// one method; a route answering GET may not share template and host with an aggregate; two aggregates may not share them.
/// </summary>
internal static class DuplicateRouteRules
{
    private const string Key = nameof(FileRoute.UpstreamPathTemplate);

    public static void Check(ValidationInput input)
    {
        CheckRoutes(input);
        CheckRoutesAgainstAggregates(input);
        CheckAggregates(input);
    }

    private static void CheckRoutes(ValidationInput input)
    {
        var routes = input.Routes;
        for (var j = 0; j < routes.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                if (!SameUpstream(routes[i].UpstreamPathTemplate, routes[i].UpstreamHost, routes[j].UpstreamPathTemplate, routes[j].UpstreamHost)
                    || !SameHeaderTemplates(routes[i].UpstreamHeaderTemplates, routes[j].UpstreamHeaderTemplates)
                    || MethodConflict(routes[i].UpstreamHttpMethod, routes[j].UpstreamHttpMethod) is not { } conflict)
                {
                    continue;
                }

                var scope = input.ForRoute(j);
                scope.Error(Key, $"duplicates {input.DescribeRoute(i, scope.File)}: same UpstreamPathTemplate, UpstreamHost and UpstreamHeaderTemplates, and {conflict}; give them distinct UpstreamHttpMethod lists");
                break;
            }
        }
    }

    private static void CheckRoutesAgainstAggregates(ValidationInput input)
    {
        for (var r = 0; r < input.Routes.Count; r++)
        {
            var route = input.Routes[r];
            for (var a = 0; a < input.Aggregates.Count; a++)
            {
                var aggregate = input.Aggregates[a];
                if (!SameUpstream(route.UpstreamPathTemplate, route.UpstreamHost, aggregate.UpstreamPathTemplate, aggregate.UpstreamHost))
                {
                    continue;
                }

                var scope = input.ForRoute(r);
                var other = input.DescribeAggregate(a, scope.File);
                if (route.UpstreamHttpMethod.Any(m => string.Equals(m?.Trim(), "GET", StringComparison.OrdinalIgnoreCase)))
                {
                    scope.Error(Key, $"duplicates {other}: same UpstreamPathTemplate and UpstreamHost, and both answer GET");
                }
                else if (route.UpstreamHttpMethod.Count == 0)
                {
                    scope.Warning(Key, $"same UpstreamPathTemplate and UpstreamHost as {other}, and this route answers every method, GET included; which one answers GET depends on Priority");
                }
            }
        }
    }

    private static void CheckAggregates(ValidationInput input)
    {
        var aggregates = input.Aggregates;
        for (var j = 0; j < aggregates.Count; j++)
        {
            for (var i = 0; i < j; i++)
            {
                if (SameUpstream(aggregates[i].UpstreamPathTemplate, aggregates[i].UpstreamHost, aggregates[j].UpstreamPathTemplate, aggregates[j].UpstreamHost))
                {
                    var scope = input.ForAggregate(j);
                    scope.Error(Key, $"duplicates {input.DescribeAggregate(i, scope.File)}: same UpstreamPathTemplate and UpstreamHost");
                    break;
                }
            }
        }
    }

    /// <summary>Null and empty hosts both mean "any host".</summary>
    private static bool SameUpstream(string? template, string? host, string? otherTemplate, string? otherHost) =>
        !string.IsNullOrWhiteSpace(template)
        && string.Equals(template, otherTemplate, StringComparison.Ordinal)
        && string.Equals(string.IsNullOrEmpty(host) ? null : host, string.IsNullOrEmpty(otherHost) ? null : otherHost, StringComparison.Ordinal);

    private static bool SameHeaderTemplates(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count
        && a.All(pair => b.Any(other => string.Equals(other.Key, pair.Key, StringComparison.OrdinalIgnoreCase) && string.Equals(other.Value, pair.Value, StringComparison.Ordinal)));

    /// <summary>Why two method lists overlap, or null when they do not; an empty list means every method.</summary>
    private static string? MethodConflict(List<string> a, List<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return "both answer every method";
        }

        if (a.Count == 0 || b.Count == 0)
        {
            return "one of them answers every method";
        }

        var shared = a.Select(m => m?.Trim()).Intersect(b.Select(m => m?.Trim()), StringComparer.OrdinalIgnoreCase).FirstOrDefault();
        return shared is null ? null : $"both answer {shared.ToUpperInvariant()}";
    }
}
