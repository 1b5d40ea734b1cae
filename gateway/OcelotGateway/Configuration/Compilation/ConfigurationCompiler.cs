using System.Collections.Frozen;
using Microsoft.Extensions.Logging.Abstractions;
using OcelotGateway.Aggregation;
using OcelotGateway.Caching;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.Configuration.File;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Discovery;
using OcelotGateway.RateLimiting;
using OcelotGateway.Resilience;
using OcelotGateway.Routing.Forwarding;
using OcelotGateway.Routing.Templates;
using OcelotGateway.Security;
using Yarp.ReverseProxy.Configuration;

namespace OcelotGateway.Configuration.Compilation;

/// <summary>
/// Turns a validated route-file configuration into one immutable <see cref="CompiledConfiguration"/>: Ocelot's defaults and
/// global-option groups resolved per route, templates compiled, and the YARP routes and clusters that carry the traffic.
/// Routes with identical downstream settings share one cluster, so they share one connection pool.
/// </summary>
public sealed class ConfigurationCompiler
{
    /// <summary>Ocelot's default for <c>GlobalConfiguration.BaseUrl</c>.</summary>
    public const string DefaultBaseUrl = "http://localhost:5000";

    /// <summary>Ocelot's default whole-call timeout when neither the route nor the global configuration sets one.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private readonly CircuitBreakerRegistry _breakers;
    private readonly RetryRegistry _retries;
    private readonly ServiceInstanceCache? _services;
    private readonly DynamicRoutingFilter _dynamicRouting;

    /// <param name="breakers">The circuit breakers, kept across reloads.</param>
    /// <param name="retries">The retry pipelines, kept across reloads.</param>
    /// <param name="services">
    /// Service discovery's last known instances and catalog: service clusters start with those instances, and dynamic routing
    /// gets a route per catalogued service. Without it service clusters start empty.
    /// </param>
    /// <param name="dynamicRouting">Which catalogued services dynamic routing exposes; default every one but <c>consul</c>.</param>
    public ConfigurationCompiler(
        CircuitBreakerRegistry breakers, RetryRegistry retries, ServiceInstanceCache? services = null, DynamicRoutingFilter? dynamicRouting = null)
    {
        _breakers = breakers;
        _retries = retries;
        _services = services;
        _dynamicRouting = dynamicRouting ?? DynamicRoutingFilter.Default;
    }

    /// <summary>
    /// A compiler like this one (same discovered services, same dynamic-routing filter) whose circuit breakers and retry budgets
    /// are its own, so compiling with it changes nothing of the gateway that serves: the dry run before every swap.
    /// </summary>
    internal ConfigurationCompiler Detached(TimeProvider time) =>
        new(new CircuitBreakerRegistry(time, NullLogger<CircuitBreakerRegistry>.Instance), new RetryRegistry(time), _services, _dynamicRouting);

    public CompiledConfiguration Compile(LoadedConfiguration loaded, long generation)
    {
        var file = loaded.Configuration;
        var global = file.GlobalConfiguration;
        var baseUrl = string.IsNullOrWhiteSpace(global.BaseUrl) ? DefaultBaseUrl : global.BaseUrl.TrimEnd('/');
        var fileRoutes = file.Routes.Count > 0 ? file.Routes : file.ReRoutes;
        var origins = loaded.RouteOrigins;
        if (DynamicRoutePlanner.Applies(file))
        {
            var dynamic = DynamicRoutePlanner.Create(file, _services?.KnownServices ?? [], _dynamicRouting);
            (fileRoutes, origins, global) = (dynamic.Routes, dynamic.Origins, dynamic.Global);
        }

        var clusterBuilder = new ClusterPlanner.Builder(_services);

        var breakersInUse = new HashSet<(string, QoSSettings)>();
        var retriesInUse = new HashSet<(string, RetrySettings)>();
        var routes = new List<CompiledRoute>(fileRoutes.Count);
        var proxyRoutes = new List<RouteConfig>(fileRoutes.Count);
        for (var i = 0; i < fileRoutes.Count; i++)
        {
            var route = fileRoutes[i];
            var origin = i < origins.Count ? origins[i] : new ConfigurationOrigin(loaded.SourceDescription, i);
            var compiled = CompileRoute(route, i, origin, global, baseUrl, generation, clusterBuilder, breakersInUse, retriesInUse);
            routes.Add(compiled);
            proxyRoutes.Add(new RouteConfig
            {
                RouteId = compiled.RouteId,
                ClusterId = compiled.ClusterId,
                Order = -compiled.Priority,
                Match = new RouteMatch { Path = compiled.UpstreamPath.LiteralPrefix + "/{**ocelot-rest}" },
                Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [CompiledRouteRegistry.GenerationMetadataKey] = generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    [OcelotTransformProvider.ForwardedHeadersMetadataKey] = compiled.AddsForwardedHeaders ? "true" : "false",
                },
            });
        }

        _breakers.Retain(breakersInUse);
        _retries.Retain(retriesInUse);
        return new CompiledConfiguration
        {
            Generation = generation,
            Source = loaded,
            Routes = routes,
            ProxyRoutes = proxyRoutes,
            Aggregates = AggregateCompiler.Compile(loaded, routes.Count, generation, NullIfBlank(global.RequestIdKey)),
            ProxyClusters = clusterBuilder.Build(),
            Warnings = [.. loaded.Problems.Where(p => !p.IsError)],
            BaseUrl = baseUrl,
            RequestIdKey = NullIfBlank(global.RequestIdKey),
        };
    }

    private CompiledRoute CompileRoute(
        FileRoute route,
        int index,
        ConfigurationOrigin origin,
        FileGlobalConfiguration global,
        string baseUrl,
        long generation,
        ClusterPlanner.Builder clusters,
        HashSet<(string, QoSSettings)> breakersInUse,
        HashSet<(string, RetrySettings)> retriesInUse)
    {
        var caseSensitive = route.RouteIsCaseSensitive ?? route.ReRouteIsCaseSensitive ?? false;
        var upstream = UpstreamPathTemplate.Parse(route.UpstreamPathTemplate!, caseSensitive);
        var loadBalancer = GlobalOptionsMerger.Merge(route.LoadBalancerOptions, global.LoadBalancerOptions, route.Key, o => o.RouteKeys);
        var handler = GlobalOptionsMerger.Merge(route.HttpHandlerOptions, global.HttpHandlerOptions, route.Key, o => o.RouteKeys);
        var timeout = ResolveTimeout(route.Timeout, global.Timeout);
        var scheme = NormalizeScheme(route.DownstreamScheme);
        var sticky = loadBalancer?.Type == LoadBalancerTypes.CookieStickySessions
            ? new StickySessionSettings(
                string.IsNullOrEmpty(loadBalancer.Key) ? StickySessionSettings.DefaultCookieName : loadBalancer.Key,
                loadBalancer.Expiry is > 0 ? TimeSpan.FromMilliseconds(loadBalancer.Expiry.Value) : StickySessionSettings.DefaultExpiry)
            : null;

        var clusterId = clusters.Add(new ClusterPlan(
            Scheme: scheme ?? "http",
            Hosts: route.ServiceName is null ? route.DownstreamHostAndPorts : [],
            ServiceName: route.ServiceName,
            LoadBalancerType: loadBalancer?.Type ?? LoadBalancerTypes.NoLoadBalancer,
            Handler: handler,
            AcceptAnyCertificate: route.DangerousAcceptAnyServerCertificateValidator,
            HttpVersion: route.DownstreamHttpVersion,
            HttpVersionPolicy: route.DownstreamHttpVersionPolicy,
            Timeout: timeout)
        {
            DelegatingHandlers = global.DelegatingHandlers.Count + route.DelegatingHandlers.Count == 0
                ? []
                : [.. global.DelegatingHandlers.Concat(route.DelegatingHandlers).Distinct(StringComparer.Ordinal)],
        });

        var scope = RouteScope(route);
        var rateLimit = RateLimitPolicyCompiler.Compile(
            GlobalOptionsMerger.Merge(route.RateLimitOptions, global.RateLimitOptions, route.Key, o => o.RouteKeys),
            scope,
            route.UpstreamPathTemplate!);
        RouteBreaker? breaker = null;
        if (QoSSettingsCompiler.Compile(GlobalOptionsMerger.Merge(route.QoSOptions, global.QoSOptions, route.Key, o => o.RouteKeys)) is { } qos)
        {
            breaker = _breakers.GetOrCreate(scope, route.UpstreamPathTemplate!, qos, route.Key);
            breakersInUse.Add((scope, qos));
        }

        RouteRetry? retry = null;
        if (RetrySettings.Compile(GlobalOptionsMerger.Merge(route.RetryOptions, global.RetryOptions, route.Key, o => o.RouteKeys)) is { } retrySettings)
        {
            retry = _retries.GetOrCreate(scope, retrySettings);
            retriesInUse.Add((scope, retrySettings));
        }

        var authentication = SecurityPolicyCompiler.CompileAuthentication(
            GlobalOptionsMerger.Merge(route.AuthenticationOptions, global.AuthenticationOptions, route.Key, o => o.RouteKeys));
        var requestTransforms = TransformPlanner.PlanRequest(route, global, baseUrl);
        var routeId = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"g{generation}-r{index}");
        return new CompiledRoute
        {
            RouteId = routeId,
            Index = index,
            DisplayName = string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Routes[{origin.IndexInFile}] ({route.UpstreamPathTemplate}) in {origin.File}"),
            Key = route.Key,
            UpstreamPath = upstream,
            UpstreamHeaders = route.UpstreamHeaderTemplates.Count == 0
                ? UpstreamHeaderTemplates.Empty
                : new UpstreamHeaderTemplates(route.UpstreamHeaderTemplates, caseSensitive),
            UpstreamMethods = route.UpstreamHttpMethod.Count == 0
                ? null
                : route.UpstreamHttpMethod.Select(m => m.Trim()).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            UpstreamHost = string.IsNullOrEmpty(route.UpstreamHost) ? null : route.UpstreamHost,
            Priority = upstream.IsCatchAllRoot ? 0 : route.Priority ?? 1,
            DownstreamPath = DownstreamPathTemplate.Parse(route.DownstreamPathTemplate!),
            DownstreamScheme = scheme,
            DownstreamHttpMethod = string.IsNullOrWhiteSpace(route.DownstreamHttpMethod) ? null : route.DownstreamHttpMethod.Trim().ToUpperInvariant(),
            ClusterId = clusterId,
            ServiceName = route.ServiceName,
            KeepsUpstreamPort = route.ServiceName is null && route.DownstreamHostAndPorts.Exists(h => h.Port <= 0),
            StickySessions = sticky,
            RequestIdKey = string.IsNullOrWhiteSpace(route.RequestIdKey) ? NullIfBlank(global.RequestIdKey) : route.RequestIdKey,
            AddsForwardedHeaders = route.AddForwardedHeaders ?? global.AddForwardedHeaders ?? false,
            RequestTransforms = requestTransforms,
            ResponseTransforms = TransformPlanner.PlanResponse(route, global, baseUrl),
            Timeout = timeout,
            RateLimit = rateLimit,
            QoS = breaker,
            Retry = retry,
            Cache = CachePolicyCompiler.Compile(
                GlobalOptionsMerger.Merge(route.FileCacheOptions ?? route.CacheOptions, global.CacheOptions, route.Key, o => o.RouteKeys),
                route.UpstreamHttpMethod,
                route.UpstreamPathTemplate!,
                scope,
                authentication is not null),
            AsyncReply = AsyncReplyPolicy.Compile(route.AsyncRequestReply),
            Authentication = authentication,
            Authorization = SecurityPolicyCompiler.CompileAuthorization(route, requestTransforms),
            IpFilter = IpFilterPolicyCompiler.Compile(route.SecurityOptions, global.SecurityOptions),
        };
    }

    /// <summary>
    /// What identifies a route across reloads (its index and id may change): methods, upstream template and host, the
    /// discovered service, and header templates when it has any (routes differing only by them are distinct). Breakers,
    /// rate-limit counters and cache entries are keyed on it.
    /// </summary>
    private static string RouteScope(FileRoute route)
    {
        var scope = string.Join(',', route.UpstreamHttpMethod.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal))
            + "|" + route.UpstreamPathTemplate + "|" + route.UpstreamHost + "|" + route.ServiceName;
        return route.UpstreamHeaderTemplates.Count == 0
            ? scope
            : scope + "|" + string.Join(',', route.UpstreamHeaderTemplates
                .Select(h => h.Key.ToUpperInvariant() + "=" + h.Value)
                .Order(StringComparer.Ordinal));
    }

    private static TimeSpan ResolveTimeout(int? routeSeconds, int? globalSeconds) =>
        routeSeconds is > 0 ? TimeSpan.FromSeconds(routeSeconds.Value)
        : globalSeconds is > 0 ? TimeSpan.FromSeconds(globalSeconds.Value)
        : DefaultTimeout;

    private static string? NormalizeScheme(string? scheme) =>
        string.IsNullOrWhiteSpace(scheme) ? null : scheme.Trim().ToLowerInvariant();

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
