using System.Globalization;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Aggregates: every <c>RouteKeys</c> entry names a route (without its own <c>RequestIdKey</c>), every
/// <c>RouteKeysConfig</c> entry one of those keys (not the first, whose response feeds the others) with a parameter its
/// route's downstream template uses, every <c>RouteKeysOptional</c> entry (ours) one of those keys, and a named
/// <c>Aggregator</c> is registered. Legacy <c>ReRouteKeys</c> and <c>ReRouteKeysConfig</c> are read when the current names are empty.
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
                var entryKey = string.Create(CultureInfo.InvariantCulture, $"{keysName}[{k}]");
                CheckRouteKey(input, keys[k], entryKey, scope);
                if (keys.IndexOf(keys[k]) < k)
                {
                    scope.Error(entryKey, $"'{keys[k]}' is listed twice; each route key answers once under its own name");
                }
            }

            var (configName, configs) = RouteKeysConfig(aggregate);
            for (var c = 0; c < configs.Count; c++)
            {
                var entryKey = string.Create(CultureInfo.InvariantCulture, $"{configName}[{c}]");
                CheckConfig(input, configs[c], keys, keysName, entryKey, scope);
                var routeKey = configs[c].RouteKey ?? configs[c].ReRouteKey;
                if (routeKey is not null && configs.Take(c).Any(other => (other.RouteKey ?? other.ReRouteKey) == routeKey))
                {
                    scope.Warning(entryKey, $"another entry already configures '{routeKey}'; only the first one is used");
                }
            }

            CheckOptionalKeys(aggregate, keys, keysName, scope);

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
                    Get(result, key).Add(ParameterName(config.Parameter));
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

    private static void CheckConfig(
        ValidationInput input, FileAggregateRouteConfig config, List<string> keys, string keysName, string key, ProblemScope scope)
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
        else if (string.Equals(keys[0], routeKey, StringComparison.Ordinal))
        {
            scope.Error(key + "." + routeKeyName, $"'{routeKey}' is the first of {keysName}, whose response provides the values; it cannot depend on itself");
        }
        else if (!string.IsNullOrWhiteSpace(config.Parameter)
                 && input.Routes.FirstOrDefault(r => string.Equals(r.Key, routeKey, StringComparison.Ordinal)) is { DownstreamPathTemplate: { } downstream }
                 && !downstream.Contains("{" + ParameterName(config.Parameter) + "}", StringComparison.Ordinal))
        {
            scope.Error(
                key + ".Parameter",
                $"{{{ParameterName(config.Parameter)}}} does not appear in the DownstreamPathTemplate of route '{routeKey}' ({downstream}), so the values would go nowhere");
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

    /// <summary>Our <c>RouteKeysOptional</c>: keys of this aggregate, and no key named like the <c>errors</c> member.</summary>
    private static void CheckOptionalKeys(FileAggregateRoute aggregate, List<string> keys, string keysName, ProblemScope scope)
    {
        var optional = aggregate.RouteKeysOptional;
        for (var o = 0; o < optional.Count; o++)
        {
            if (!keys.Contains(optional[o], StringComparer.Ordinal))
            {
                scope.Error(string.Create(CultureInfo.InvariantCulture, $"{nameof(aggregate.RouteKeysOptional)}[{o}]"), $"'{optional[o]}' is not in {keysName}");
            }
        }

        if (optional.Count > 0 && keys.Contains("errors", StringComparer.Ordinal))
        {
            scope.Error(keysName, "a route key named 'errors' would clash with the errors member that RouteKeysOptional adds to the response; rename that route's Key");
        }
    }

    private static string ParameterName(string parameter) => parameter.Trim().TrimStart('{').TrimEnd('}');

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
