using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace OcelotGateway.Configuration.Compilation;

/// <summary>
/// Ocelot's rule for global options with <c>RouteKeys</c> groups: a route outside the group keeps its own section; inside it,
/// a missing section takes the global one and a present one is merged property by property, the route's values winning.
/// </summary>
internal static class GlobalOptionsMerger
{
    public static T? Merge<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(T? route, T? global, string? routeKey, Func<T, List<string>?> routeKeys)
        where T : class, new()
    {
        if (global is null || !InGroup(routeKeys(global), routeKey))
        {
            return route;
        }

        if (route is null)
        {
            return global;
        }

        var merged = new T();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite)
            {
                continue;
            }

            property.SetValue(merged, property.GetValue(route) ?? property.GetValue(global));
        }

        return merged;
    }

    private static bool InGroup(List<string>? keys, string? routeKey) =>
        keys is null || keys.Count == 0 || (routeKey is not null && keys.Contains(routeKey, StringComparer.Ordinal));
}
