using System.Text.RegularExpressions;
using OcelotGateway.Configuration.File;
using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Discovery;

/// <summary>
/// Ocelot's dynamic routing: with a discovery provider (non-empty <c>Host</c>, <c>Port</c> &gt; 0) and no routes,
/// <c>/{serviceName}/{path}</c> goes to that service as <c>/{path}</c> (or <c>/</c>) with the query. It is compiled as one
/// ordinary route per service — every service in Consul's catalog and every <c>DynamicRoutes</c> entry — so each goes through
/// the same pipeline steps as a static route and the downstream path is built per request. A route gets the global options
/// that Ocelot applies to dynamic routes (load balancing, QoS, rate limiting, caching, authentication, HTTP handler, timeout,
/// downstream scheme and HTTP version), overridden by the service's <c>DynamicRoutes</c> entry; global header transforms and
/// IP rules stay static-route only, as in Ocelot. Ocelot's <c>namespace.service</c> split is Kubernetes-only and not done.
/// Unlike Ocelot, not every service is exposed: <see cref="DynamicRoutingFilter"/> leaves out <c>consul</c> (the servers' RPC
/// port, which Consul lists as a service) and whatever else the host settings exclude.
/// </summary>
internal static partial class DynamicRoutePlanner
{
    /// <summary>Stands in for the file name in problems and logs about dynamic routes.</summary>
    public const string OriginName = "dynamic routing";

    /// <summary>Placeholder carrying the path after the service name; named so it cannot collide with a usual query parameter.</summary>
    private const string PathPlaceholder = "{dynamicPath}";

    public static bool Applies(FileConfiguration file) =>
        (file.Routes.Count > 0 ? file.Routes : file.ReRoutes).Count == 0
        && file.GlobalConfiguration.ServiceDiscoveryProvider is { Port: > 0 } provider
        && !string.IsNullOrWhiteSpace(provider.Host);

    /// <summary>One route per routable service name, in name order, with where each came from and the global options they use.</summary>
    public static Plan Create(FileConfiguration file, IReadOnlyList<string> catalogServices, DynamicRoutingFilter filter)
    {
        var overrides = new Dictionary<string, FileDynamicRoute>(StringComparer.Ordinal);
        foreach (var dynamicRoute in file.DynamicRoutes.Count > 0 ? file.DynamicRoutes : file.DynamicReRoutes)
        {
            if (!string.IsNullOrWhiteSpace(dynamicRoute.ServiceName))
            {
                overrides.TryAdd(dynamicRoute.ServiceName.Trim(), dynamicRoute);
            }
        }

        var global = file.GlobalConfiguration;
        var services = overrides.Keys.Concat(catalogServices).Where(s => IsRoutable(s) && filter.Routes(s)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var routes = new List<FileRoute>();
        var origins = new List<ConfigurationOrigin>();
        foreach (var service in services)
        {
            routes.Add(RouteFor(service, overrides.GetValueOrDefault(service), global));
            origins.Add(new ConfigurationOrigin(OriginName, origins.Count));
        }

        return new Plan(routes, origins, GlobalForDynamicRoutes(global));
    }

    private static FileRoute RouteFor(string service, FileDynamicRoute? overrides, FileGlobalConfiguration global) => new()
    {
        UpstreamPathTemplate = "/" + service + "/" + PathPlaceholder,
        DownstreamPathTemplate = "/" + PathPlaceholder,
        ServiceName = service,
        Key = overrides?.Key,
        DownstreamScheme = overrides?.DownstreamScheme ?? global.DownstreamScheme,
        DownstreamHttpVersion = overrides?.DownstreamHttpVersion ?? global.DownstreamHttpVersion,
        DownstreamHttpVersionPolicy = overrides?.DownstreamHttpVersionPolicy ?? global.DownstreamHttpVersionPolicy,
        LoadBalancerOptions = overrides?.LoadBalancerOptions,
        QoSOptions = overrides?.QoSOptions,
        RateLimitOptions = overrides?.RateLimitRule ?? overrides?.RateLimitOptions,
        CacheOptions = overrides?.CacheOptions,
        AuthenticationOptions = overrides?.AuthenticationOptions,
        HttpHandlerOptions = overrides?.HttpHandlerOptions,
        Metadata = overrides?.Metadata ?? [],
        Timeout = overrides?.Timeout,
    };

    /// <summary>The global options Ocelot applies to dynamic routes; header transforms and IP rules are left out.</summary>
    private static FileGlobalConfiguration GlobalForDynamicRoutes(FileGlobalConfiguration global) => new()
    {
        BaseUrl = global.BaseUrl,
        RequestIdKey = global.RequestIdKey,
        ServiceDiscoveryProvider = global.ServiceDiscoveryProvider,
        RateLimitOptions = global.RateLimitOptions,
        QoSOptions = global.QoSOptions,
        RetryOptions = global.RetryOptions,
        LoadBalancerOptions = global.LoadBalancerOptions,
        HttpHandlerOptions = global.HttpHandlerOptions,
        CacheOptions = global.CacheOptions,
        AuthenticationOptions = global.AuthenticationOptions,
        DownstreamScheme = global.DownstreamScheme,
        DownstreamHttpVersion = global.DownstreamHttpVersion,
        DownstreamHttpVersionPolicy = global.DownstreamHttpVersionPolicy,
        Metadata = global.Metadata,
        Timeout = global.Timeout,
    };

    /// <summary>Names usable as a first path segment; anything else (Consul allows little more) is not routed.</summary>
    private static bool IsRoutable(string service) => RoutableName().IsMatch(service);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex RoutableName();

    /// <summary>The routes to compile in place of the (empty) static routes.</summary>
    internal sealed record Plan(List<FileRoute> Routes, IReadOnlyList<ConfigurationOrigin> Origins, FileGlobalConfiguration Global);
}
