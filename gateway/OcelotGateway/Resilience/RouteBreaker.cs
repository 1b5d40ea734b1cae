using Polly;
using Polly.CircuitBreaker;

namespace OcelotGateway.Resilience;

/// <summary>A route's QoS at run time: its settings, its breaker pipeline (null when only a timeout is set) and the breaker's state.</summary>
public sealed class RouteBreaker
{
    internal RouteBreaker(string routeName, string label, QoSSettings settings, ResiliencePipeline<ForwardOutcome>? pipeline, CircuitBreakerStateProvider? state)
    {
        RouteName = routeName;
        Label = label;
        Settings = settings;
        Pipeline = pipeline;
        State = state;
    }

    public string RouteName { get; }

    /// <summary>The route's name in metrics: its key, else its upstream template.</summary>
    public string Label { get; }

    public QoSSettings Settings { get; }

    public ResiliencePipeline<ForwardOutcome>? Pipeline { get; }

    public CircuitBreakerStateProvider? State { get; }

    public CircuitState CircuitState => State?.CircuitState ?? CircuitState.Closed;
}
