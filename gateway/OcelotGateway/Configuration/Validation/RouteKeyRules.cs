using System.Globalization;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Route <c>Key</c>s name routes for aggregates and for the <c>RouteKeys</c> groups of global options, so they must be
/// unique, and a group naming no route is probably a typo.
/// </summary>
internal static class RouteKeyRules
{
    public static void Check(ValidationInput input)
    {
        var firstByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < input.Routes.Count; i++)
        {
            var key = input.Routes[i].Key;
            if (string.IsNullOrWhiteSpace(key))
            {
                continue;
            }

            if (firstByKey.TryGetValue(key, out var first))
            {
                var scope = input.ForRoute(i);
                scope.Error(nameof(FileRoute.Key), $"'{key}' is already the Key of {input.DescribeRoute(first, scope.File)}; keys must be unique");
            }
            else
            {
                firstByKey[key] = i;
            }
        }

        var global = input.Global;
        var groups = new (string Name, List<string>? Keys)[]
        {
            (nameof(global.AuthenticationOptions), global.AuthenticationOptions?.RouteKeys),
            (nameof(global.CacheOptions), global.CacheOptions?.RouteKeys),
            (nameof(global.HttpHandlerOptions), global.HttpHandlerOptions?.RouteKeys),
            (nameof(global.LoadBalancerOptions), global.LoadBalancerOptions?.RouteKeys),
            (nameof(global.QoSOptions), global.QoSOptions?.RouteKeys),
            (nameof(global.RateLimitOptions), global.RateLimitOptions?.RouteKeys),
            (nameof(global.RetryOptions), global.RetryOptions?.RouteKeys),
        };
        foreach (var (name, keys) in groups)
        {
            for (var i = 0; i < (keys?.Count ?? 0); i++)
            {
                if (!firstByKey.ContainsKey(keys![i] ?? ""))
                {
                    input.ForGlobal().Warning(
                        string.Create(CultureInfo.InvariantCulture, $"{name}.RouteKeys[{i}]"),
                        $"no route has Key '{keys[i]}', so this entry applies the options to nothing");
                }
            }
        }
    }
}
