using System.Runtime.CompilerServices;
using OcelotGateway.Aggregation;
using OcelotGateway.Bounds;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Resilience;
using Polly.CircuitBreaker;
using Prometheus;

namespace OcelotGateway.Observability;

/// <summary>
/// The gateway's Prometheus metrics, in a registry of its own (so several gateways in one process, as in tests, never mix).
/// Routes are labelled by <see cref="RouteLabel"/> (key, else upstream template), never by request input, and the series of
/// routes a reload removed are dropped, so label sets are bounded by the current configuration (routes × 10 methods × 501
/// statuses at most). Each compiled route keeps its resolved series, so recording costs no label lookup on the hot path.
/// </summary>
public sealed partial class GatewayMetrics
{
    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly Histogram _downstreamDuration;
    private readonly Counter _downstreamErrors;
    private readonly Counter _rateLimited;
    private readonly Counter _cache;
    private readonly Gauge _circuit;
    private readonly Counter _capacityOverflows;
    private readonly ConditionalWeakTable<CompiledRoute, RouteMetrics> _routes = [];
    private readonly ConditionalWeakTable<CompiledAggregate, RouteMetrics> _aggregates = [];
    private readonly RouteMetrics _unrouted;
    private readonly CircuitBreakerRegistry _breakers;

    public GatewayMetrics(GatewayConfigurationState state, CircuitBreakerRegistry breakers, CapacityGuards capacity)
    {
        _breakers = breakers;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        factory.ExemplarBehavior = new ExemplarBehavior { DefaultExemplarProvider = RecordedTraceExemplar };
        var buckets = new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) };
        _requests = factory.CreateCounter(
            "gateway_requests_total", "Requests answered by the gateway, by route, method and status code.", ["route", "method", "status"]);
        _duration = factory.CreateHistogram(
            "gateway_request_duration_seconds", "Time from request to the end of the response through the gateway, by route.", ["route"], buckets);
        _downstreamDuration = factory.CreateHistogram(
            "gateway_downstream_duration_seconds", "Time of each downstream call (every attempt, response body included), by route.", ["route"], buckets);
        _downstreamErrors = factory.CreateCounter(
            "gateway_downstream_errors_total", "Failed downstream calls by route and kind: connect, timeout, 5xx, circuit_open, no_destination, transport, other.", ["route", "kind"]);
        _rateLimited = factory.CreateCounter("gateway_rate_limit_rejections_total", "Requests rejected by rate limiting, by route.", ["route"]);
        _cache = factory.CreateCounter("gateway_cache_lookups_total", "Response cache lookups, by route and result (hit or miss).", ["route", "result"]);
        _circuit = factory.CreateGauge("gateway_circuit_state", "Circuit breaker state by route: 0 closed, 1 open, 2 half-open, 3 isolated.", ["route"]);
        _capacityOverflows = factory.CreateCounter(
            "gateway_capacity_overflows_total",
            "Times a bounded per-key structure was full, by structure: entries evicted (rate_limit_counters, sticky_sessions) or misses not coalesced (cache_coalescing).",
            ["structure"]);
        Registry.AddBeforeCollectCallback(() =>
        {
            foreach (var guard in capacity.All)
            {
                _capacityOverflows.WithLabels(guard.Structure).IncTo(guard.Overflows);
            }
        });
        var reloads = factory.CreateCounter("gateway_configuration_reloads_total", "Configuration loads, by result (applied or rejected).", ["result"]);
        var applied = reloads.WithLabels("applied");
        var rejected = reloads.WithLabels("rejected");
        _unrouted = NewRouteMetrics(RouteLabel.None);

        state.Applied += configuration =>
        {
            applied.Inc();
            RemoveUnconfiguredRoutes(configuration);
        };
        state.Rejected += _ => rejected.Inc();
        breakers.StateChanged += OnBreakerStateChanged;
        breakers.Removed += OnBreakerRemoved;
        foreach (var breaker in breakers.Breakers)
        {
            OnBreakerStateChanged(breaker, breaker.CircuitState);
        }
    }

    public CollectorRegistry Registry { get; }

    /// <summary>The series of one route (or of unrouted requests when null), created on first use.</summary>
    internal RouteMetrics For(CompiledRoute? route) =>
        route is null ? _unrouted
        : _routes.TryGetValue(route, out var metrics) ? metrics
        : _routes.GetValue(route, r => NewRouteMetrics(RouteLabel.For(r)));

    public void RequestCompleted(CompiledRoute? route, string method, int status, double seconds) =>
        For(route).Completed(method, status, seconds);

    /// <summary>
    /// An aggregate's answer, under the label <c>aggregate {UpstreamPathTemplate}</c>; each of its parts is also counted under
    /// its own route.
    /// </summary>
    public void AggregateCompleted(CompiledAggregate aggregate, string method, int status, double seconds)
    {
        var metrics = _aggregates.TryGetValue(aggregate, out var known)
            ? known
            : _aggregates.GetValue(aggregate, a => NewRouteMetrics(AggregateLabel(a)));
        metrics.Completed(method, status, seconds);
    }

    /// <summary>A request no route matched (answered 404): counted under the route label <c>(none)</c>.</summary>
    public void NoRouteMatched(string method) => _unrouted.Requests(method, 404).Inc();

    public void DownstreamFailed(CompiledRoute? route, string kind) => For(route).DownstreamErrors(kind).Inc();

    public void RateLimited(CompiledRoute route) => For(route).RateLimited.Inc();

    public void CacheLookup(CompiledRoute route, bool hit) => (hit ? For(route).CacheHits : For(route).CacheMisses).Inc();

    /// <summary>
    /// Exemplars link a series to a trace only when the trace is recorded (sampled by the caller or by a configured tracer);
    /// an id a tracing backend never received links nowhere, and building one costs three pooled objects per request.
    /// </summary>
    private static Exemplar RecordedTraceExemplar(Collector metric, double value) =>
        System.Diagnostics.Activity.Current is { Recorded: true } ? Exemplar.FromTraceContext() : Exemplar.None;

    private RouteMetrics NewRouteMetrics(string label) =>
        new(label, _requests, _duration, _downstreamDuration, _downstreamErrors, _rateLimited, _cache);

    /// <summary>
    /// Drops the series of routes the applied configuration no longer has, so label sets stay bounded by the current
    /// configuration however many reloads rename routes. A route that comes back starts its counters again from 0.
    /// </summary>
    private void RemoveUnconfiguredRoutes(CompiledConfiguration configuration)
    {
        var labels = new HashSet<string>(StringComparer.Ordinal) { RouteLabel.None };
        labels.UnionWith(configuration.Routes.Select(RouteLabel.For));
        labels.UnionWith(configuration.Aggregates.Select(AggregateLabel));
        foreach (var family in new Collector[] { _requests, _duration, _downstreamDuration, _downstreamErrors, _rateLimited, _cache })
        {
            RemoveUnlisted(family, labels);
        }
    }

    private static void RemoveUnlisted(Collector family, HashSet<string> routeLabels)
    {
        // The route is the first label of every per-route family.
        switch (family)
        {
            case Counter counter:
                foreach (var values in counter.GetAllLabelValues().Where(v => !routeLabels.Contains(v[0])).ToArray())
                {
                    counter.RemoveLabelled(values);
                }

                break;
            case Histogram histogram:
                foreach (var values in histogram.GetAllLabelValues().Where(v => !routeLabels.Contains(v[0])).ToArray())
                {
                    histogram.RemoveLabelled(values);
                }

                break;
        }
    }

    private static string AggregateLabel(CompiledAggregate aggregate) => "aggregate " + aggregate.UpstreamPath.Template;

    private void OnBreakerStateChanged(RouteBreaker breaker, CircuitState state)
    {
        if (breaker.Pipeline is null)
        {
            return;
        }

        _circuit.WithLabels(breaker.Label).Set(state switch
        {
            CircuitState.Open => 1,
            CircuitState.HalfOpen => 2,
            CircuitState.Isolated => 3,
            _ => 0,
        });
    }

    private void OnBreakerRemoved(RouteBreaker breaker)
    {
        // A reload that changed a route's QoS settings builds its new breaker before dropping the old one: keep the series then.
        if (!_breakers.Breakers.Any(b => b.Pipeline is not null && b.Label == breaker.Label))
        {
            _circuit.RemoveLabelled(breaker.Label);
        }
    }
}
