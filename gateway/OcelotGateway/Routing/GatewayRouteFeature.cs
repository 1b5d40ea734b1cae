using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Routing;

/// <summary>
/// Per-request state of the gateway, set once the route is chosen: the compiled route and the placeholder values taken from
/// the upstream request. Steps of the pipeline read it as a typed feature rather than through string-keyed items.
/// </summary>
public sealed class GatewayRouteFeature
{
    public GatewayRouteFeature(CompiledRoute route, PlaceholderValues placeholders)
    {
        Route = route;
        Placeholders = placeholders;
    }

    public CompiledRoute Route { get; }

    public PlaceholderValues Placeholders { get; }

    /// <summary>The correlation id sent downstream under <see cref="CompiledRoute.RequestIdKey"/>, when the route has one.</summary>
    public string? RequestId { get; set; }

    /// <summary>
    /// The rate-limiting step set <c>X-RateLimit-*</c> on the response: its values win over same-named headers of the
    /// downstream response, as in Ocelot.
    /// </summary>
    internal bool RateLimitHeadersSet { get; set; }

    /// <summary>Set by the retry step: this attempt may be retried, so a retryable response's body is held back.</summary>
    internal bool MayRetry { get; set; }

    /// <summary>The response transform held back a 502/503/504 body so that a retry can replace the response.</summary>
    internal bool RetryableBodySuppressed { get; set; }

    /// <summary>When the downstream attempt under way started (<see cref="System.Diagnostics.Stopwatch"/> ticks); 0 once recorded.</summary>
    internal long DownstreamAttemptStarted { get; set; }

    /// <summary>The route's <c>Timeout</c> for this request (<see cref="Resilience.RouteDeadline"/>); stopped when response headers arrive.</summary>
    internal Resilience.RouteDeadline? Deadline { get; set; }

    /// <summary>The QoS timeout of the call under way; disarmed when response headers arrive.</summary>
    internal Resilience.RouteDeadline? DownstreamDeadline { get; set; }

    /// <summary>
    /// The downstream path and query, built once the placeholder values are final (after authorization); every attempt and the
    /// cache key use it. Null until then.
    /// </summary>
    public DownstreamTarget? DownstreamTarget { get; internal set; }

    /// <summary>The absolute downstream URL, set when the request is sent; logged with the request.</summary>
    public Uri? DownstreamUri { get; set; }
}
