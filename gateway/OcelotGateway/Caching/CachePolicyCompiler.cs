using OcelotGateway.Configuration.File;

namespace OcelotGateway.Caching;

/// <summary>Resolves a route's merged cache options into a <see cref="CachePolicy"/> with Ocelot's defaults.</summary>
public static class CachePolicyCompiler
{
    /// <summary>Null when caching is off: no options or a <c>TtlSeconds</c> of 0 or less.</summary>
    /// <param name="routeIdentity">What identifies the route across reloads (<see cref="CachePolicy.RouteIdentity"/>).</param>
    /// <param name="authenticates">The route has <c>AuthenticationOptions</c>: entries are then per caller unless shared explicitly.</param>
    public static CachePolicy? Compile(
        FileCacheOptions? options, IReadOnlyCollection<string> upstreamMethods, string upstreamPathTemplate, string routeIdentity, bool authenticates)
    {
        if (options?.TtlSeconds is not > 0)
        {
            return null;
        }

        return new CachePolicy
        {
            Ttl = TimeSpan.FromSeconds(options.TtlSeconds.Value),
            Region = string.IsNullOrWhiteSpace(options.Region) ? DefaultRegion(upstreamMethods, upstreamPathTemplate) : options.Region.Trim(),
            Header = string.IsNullOrWhiteSpace(options.Header) ? CachePolicy.DefaultHeader : options.Header.Trim(),
            EnableContentHashing = options.EnableContentHashing ?? false,
            RouteIdentity = routeIdentity,
            KeysOnCaller = authenticates && options.SharedAcrossUsers != true,
            RouteName = upstreamPathTemplate,
        };
    }

    /// <summary>Ocelot's region when none is set: the methods as written, then the upstream template without its slashes.</summary>
    public static string DefaultRegion(IReadOnlyCollection<string> upstreamMethods, string upstreamPathTemplate) =>
        string.Concat(upstreamMethods) + upstreamPathTemplate.Replace("/", string.Empty, StringComparison.Ordinal);
}
