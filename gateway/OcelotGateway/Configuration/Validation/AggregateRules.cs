using System.Globalization;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Aggregates: every <c>RouteKeys</c> entry names a route (without its own <c>RequestIdKey</c>), every
/// <c>RouteKeysConfig</c> entry one of those keys, and a named <c>Aggregator</c> is registered. Legacy <c>ReRouteKeys</c>
/// and <c>ReRouteKeysConfig</c> are read when the current names are empty.
/// </summary>
internal static class AggregateRules
{
    public static void Check(ValidationInput input)
    {
        for (var a = 0; a < input.Aggregates.Count; a++)
        {
            var aggregate = input.Aggregates[a];
            var scope = input.ForAggregate(a);
            if (PathTemplateRules.Check(aggregate.UpstreamPathTemplate, nameof(aggregate.UpstreamPathTemplate), "UpstreamHost", scope) is { } names)
            {
                PathTemplateRules.CheckNoRepeats(names, aggregate.UpstreamPathTemplate!, nameof(aggregate.UpstreamPathTemplate), scope);
            }

            ProtocolRules.CheckUpstreamMethods(aggregate.UpstreamHttpMethod, scope);
            var (keysName, keys) = RouteKeys(aggregate);
            if (keys.Count == 0)
            {
                scope.Warning(keysName, "empty, so the aggregate answers {} to every request; list the Keys of the routes to combine");
            }

            for (var k = 0; k < keys.Count; k++)
            {
                CheckRouteKey(input, keys[k], string.Create(CultureInfo.InvariantCulture, $"{keysName}[{k}]"), scope);
            }

            var (configName, configs) = RouteKeysConfig(aggregate);
            for (var c = 0; c < configs.Count; c++)
            {
                CheckConfig(configs[c], keys, keysName, string.Create(CultureInfo.InvariantCulture, $"{configName}[{c}]"), scope);
            }

            if (!string.IsNullOrWhiteSpace(aggregate.Aggregator) && !input.Context.Aggregators.Contains(aggregate.Aggregator))
            {
                scope.Error(nameof(aggregate.Aggregator), $"no aggregator '{aggregate.Aggregator}' is registered; leave Aggregator out to combine the responses as JSON");
            }
        }
    }

    /// <summary>
    /// For each route Key, the placeholders aggregates using it provide: the aggregate's own template values reach every
    /// sub-route, and a <c>RouteKeysConfig</c> parameter reaches the route it configures.
    /// </summary>
    public static IReadOnlyDictionary<string, HashSet<string>> PlaceholdersByRouteKey(ValidationInput input)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var aggregate in input.Aggregates)
        {
            var templateNames = PathTemplateNames(aggregate.UpstreamPathTemplate);
            foreach (var key in RouteKeys(aggregate).Keys.Where(k => k is not null))
            {
                Get(result, key).UnionWith(templateNames);
            }

            foreach (var config in RouteKeysConfig(aggregate).Configs)
            {
                if ((config.RouteKey ?? config.ReRouteKey) is { } key && !string.IsNullOrWhiteSpace(config.Parameter))
                {
                    Get(result, key).Add(config.Parameter);
                }
            }
        }

        return result;
    }

    private static void CheckRouteKey(ValidationInput input, string key, string entryKey, ProblemScope scope)
    {
        var matched = false;
        for (var r = 0; r < input.Routes.Count; r++)
        {
            if (!string.Equals(input.Routes[r].Key, key, StringComparison.Ordinal))
            {
                continue;
            }

            matched = true;
            if (!string.IsNullOrWhiteSpace(input.Routes[r].RequestIdKey))
            {
                scope.Error(entryKey, $"route {input.DescribeRoute(r, scope.File)} sets RequestIdKey, which routes in an aggregate may not; remove it there");
            }
        }

        if (!matched)
        {
            scope.Error(entryKey, $"no route has Key '{key}'");
        }
    }

    private static void CheckConfig(FileAggregateRouteConfig config, List<string> keys, string keysName, string key, ProblemScope scope)
    {
        var (routeKeyName, routeKey) = config.RouteKey is not null ? ("RouteKey", config.RouteKey) : ("ReRouteKey", config.ReRouteKey);
        if (string.IsNullOrWhiteSpace(routeKey))
        {
            scope.Error(key + ".RouteKey", "required: the route key whose calls this entry drives");
        }
        else if (!keys.Contains(routeKey, StringComparer.Ordinal))
        {
            scope.Error(key + "." + routeKeyName, $"'{routeKey}' is not in {keysName}");
        }

        if (string.IsNullOrWhiteSpace(config.JsonPath))
        {
            scope.Error(key + ".JsonPath", "required: where in the first route's response the values are, e.g. $[*].userId");
        }

        if (string.IsNullOrWhiteSpace(config.Parameter))
        {
            scope.Error(key + ".Parameter", "required: the placeholder the values fill, e.g. userId for {userId}");
        }
    }

    private static (string Name, List<string> Keys) RouteKeys(FileAggregateRoute aggregate) =>
        aggregate.RouteKeys.Count == 0 && aggregate.ReRouteKeys.Count > 0
            ? (nameof(aggregate.ReRouteKeys), aggregate.ReRouteKeys)
            : (nameof(aggregate.RouteKeys), aggregate.RouteKeys);

    private static (string Name, List<FileAggregateRouteConfig> Configs) RouteKeysConfig(FileAggregateRoute aggregate) =>
        aggregate.RouteKeysConfig.Count == 0 && aggregate.ReRouteKeysConfig.Count > 0
            ? (nameof(aggregate.ReRouteKeysConfig), aggregate.ReRouteKeysConfig)
            : (nameof(aggregate.RouteKeysConfig), aggregate.RouteKeysConfig);

    private static IEnumerable<string> PathTemplateNames(string? template)
    {
        if (string.IsNullOrEmpty(template))
        {
            yield break;
        }

        for (var open = template.IndexOf('{', StringComparison.Ordinal); open >= 0; open = template.IndexOf('{', open + 1))
        {
            var close = template.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                yield return template[(open + 1)..close];
            }
        }
    }

    private static HashSet<string> Get(Dictionary<string, HashSet<string>> map, string key)
    {
        if (!map.TryGetValue(key, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            map[key] = set;
        }

        return set;
    }
}
