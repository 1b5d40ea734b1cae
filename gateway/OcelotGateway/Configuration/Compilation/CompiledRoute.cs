using System.Collections.Frozen;
using OcelotGateway.Caching;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.RateLimiting;
using OcelotGateway.Resilience;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Templates;
using OcelotGateway.Security;
using OcelotGateway.Transforms;

namespace OcelotGateway.Configuration.Compilation;

/// <summary>
/// Everything the proxy pipeline needs to know about one route, resolved once when the configuration is compiled:
/// defaults applied, global options merged, templates turned into matchers. Immutable; a reload builds new ones.
/// </summary>
public sealed class CompiledRoute : IUpstreamRoute
{
    public required string RouteId { get; init; }

    /// <summary>Position in the merged route list; Ocelot breaks priority ties by it.</summary>
    public required int Index { get; init; }

    /// <summary>Operator-facing name, e.g. <c>Routes[2] (/stock/{everything}) in ocelot.stock.json</c>.</summary>
    public required string DisplayName { get; init; }

    public string? Key { get; init; }

    public required UpstreamPathTemplate UpstreamPath { get; init; }

    public required UpstreamHeaderTemplates UpstreamHeaders { get; init; }

    /// <summary>Allowed upstream methods; null means any.</summary>
    public FrozenSet<string>? UpstreamMethods { get; init; }

    public string? UpstreamHost { get; init; }

    public required int Priority { get; init; }

    public required DownstreamPathTemplate DownstreamPath { get; init; }

    /// <summary>Scheme forced on the downstream request; null keeps the scheme of the upstream request, as Ocelot does.</summary>
    public string? DownstreamScheme { get; init; }

    public string? DownstreamHttpMethod { get; init; }

    public required string ClusterId { get; init; }

    public string? ServiceName { get; init; }

    /// <summary>A host was configured with port 0 or less: Ocelot then keeps the port of the incoming request.</summary>
    public bool KeepsUpstreamPort { get; init; }

    public StickySessionSettings? StickySessions { get; init; }

    public string? RequestIdKey { get; init; }

    /// <summary>
    /// Whether the downstream request carries <c>X-Forwarded-For/Proto/Host/Prefix</c> set by the gateway (our
    /// <c>AddForwardedHeaders</c>, route else global; off by default as in Ocelot). The response cache keys on the forwarded
    /// values (<see cref="Caching.CacheRequestKey"/>).
    /// </summary>
    public bool AddsForwardedHeaders { get; init; }

    public required RequestTransformPlan RequestTransforms { get; init; }

    public required ResponseTransformPlan ResponseTransforms { get; init; }

    /// <summary>Time allowed until downstream response headers arrive (Ocelot's route/global <c>Timeout</c>).</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Ocelot's client rate limiting for this route; null when off.</summary>
    public RateLimitPolicy? RateLimit { get; init; }

    /// <summary>Circuit breaker and QoS timeout for this route; null when QoS is off.</summary>
    public RouteBreaker? QoS { get; init; }

    /// <summary>Schemes and scopes; null when the route is open.</summary>
    public AuthenticationPolicy? Authentication { get; init; }

    /// <summary>Claims added, required and used downstream; null when the route has no claim rules.</summary>
    public AuthorizationPolicy? Authorization { get; init; }

    /// <summary>Ocelot's <c>SecurityOptions</c> IP lists (route, else global); null when none apply.</summary>
    public IpFilterPolicy? IpFilter { get; init; }

    /// <summary>Our retry extension; null when off (the default).</summary>
    public RouteRetry? Retry { get; init; }

    /// <summary>Ocelot's output cache for this route; null when off.</summary>
    public CachePolicy? Cache { get; init; }

    /// <summary>Our asynchronous request-reply extension; null when off (the default).</summary>
    public AsyncReplyPolicy? AsyncReply { get; init; }

    public bool MatchesMethod(string method) => UpstreamMethods is null || UpstreamMethods.Contains(method);

    public override string ToString() => DisplayName;
}
