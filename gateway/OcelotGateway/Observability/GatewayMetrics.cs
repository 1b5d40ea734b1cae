using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Resilience;
using Polly.CircuitBreaker;
using Prometheus;

namespace OcelotGateway.Observability;

/// <summary>
/// The gateway's Prometheus metrics, in a registry of its own (so several gateways in one process, as in tests, never mix).
/// Routes are labelled by their <c>Key</c>, else their upstream template, which keeps label cardinality bounded.
/// </summary>
public sealed class GatewayMetrics
{
    private static readonly string[] StatusLabels = [.. Enumerable.Range(0, 600).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly Counter _downstreamErrors;
    private readonly Counter _rateLimited;
    private readonly Counter _cache;
    private readonly Counter _reloads;

    public GatewayMetrics(GatewayConfigurationState state, CircuitBreakerRegistry breakers)
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateCounter("gateway_requests_total", "Requests answered by the gateway, by route, method and status.", ["route", "method", "status"]);
        _duration = factory.CreateHistogram("gateway_request_duration_seconds", "Time from request to response, by route.", ["route"], new HistogramConfiguration
        {
            Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16),
        });
        _downstreamErrors = factory.CreateCounter("gateway_downstream_errors_total", "Downstream calls that failed (no connection, timeout, no instance), by route and kind.", ["route", "error"]);
        _rateLimited = factory.CreateCounter("gateway_rate_limit_rejections_total", "Requests rejected by rate limiting, by route.", ["route"]);
        _cache = factory.CreateCounter("gateway_cache_lookups_total", "Response cache lookups, by route and result (hit or miss).", ["route", "result"]);
        _reloads = factory.CreateCounter("gateway_configuration_reloads_total", "Configuration loads, by result (applied or rejected).", ["result"]);
        var circuit = factory.CreateGauge("gateway_circuit_state", "Circuit breaker state by route: 0 closed, 1 open, 2 half-open, 3 isolated.", ["route"]);

        state.Applied += _ => _reloads.WithLabels("applied").Inc();
        state.Rejected += _ => _reloads.WithLabels("rejected").Inc();
        Registry.AddBeforeCollectCallback(() =>
        {
            foreach (var breaker in breakers.Breakers)
            {
                circuit.WithLabels(breaker.RouteName).Set(breaker.CircuitState switch
                {
                    CircuitState.Open => 1,
                    CircuitState.HalfOpen => 2,
                    CircuitState.Isolated => 3,
                    _ => 0,
                });
            }
        });
    }

    public CollectorRegistry Registry { get; }

    public static string RouteLabel(CompiledRoute? route) => route is null ? "(none)" : route.Key ?? route.UpstreamPath.Template;

    public void RequestCompleted(CompiledRoute? route, string method, int status, double seconds)
    {
        var label = RouteLabel(route);
        _requests.WithLabels(label, method, status is >= 0 and < 600 ? StatusLabels[status] : "other").Inc();
        _duration.WithLabels(label).Observe(seconds);
    }

    public void DownstreamFailed(CompiledRoute? route, string error) => _downstreamErrors.WithLabels(RouteLabel(route), error).Inc();

    public void RateLimited(CompiledRoute route) => _rateLimited.WithLabels(RouteLabel(route)).Inc();

    public void CacheLookup(CompiledRoute route, bool hit) => _cache.WithLabels(RouteLabel(route), hit ? "hit" : "miss").Inc();
}
