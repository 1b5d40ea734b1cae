using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace OcelotGateway.Resilience;

/// <summary>
/// One breaker per route (per downstream service for discovered routes), built when a configuration is compiled. A reload
/// that leaves a route's QoS settings unchanged gets the same breaker back, so an open circuit stays open across reloads.
/// </summary>
public sealed partial class CircuitBreakerRegistry
{
    private readonly ConcurrentDictionary<(string Scope, QoSSettings Settings), RouteBreaker> _breakers = new();
    private readonly TimeProvider _time;
    private readonly ILogger<CircuitBreakerRegistry> _logger;

    public CircuitBreakerRegistry(TimeProvider time, ILogger<CircuitBreakerRegistry> logger)
    {
        _time = time;
        _logger = logger;
    }

    /// <summary>Every live breaker, for metrics and diagnostics.</summary>
    public IEnumerable<RouteBreaker> Breakers => _breakers.Values;

    /// <summary>Raised when a breaker is created (closed) and on every transition; metrics follow the state through it.</summary>
    public event Action<RouteBreaker, CircuitState>? StateChanged;

    /// <summary>Raised when a reload drops a breaker no route uses any more.</summary>
    public event Action<RouteBreaker>? Removed;

    /// <param name="scope">What the breaker is shared by (the route, or a discovered service).</param>
    /// <param name="routeName">Name used in answers and logs (the upstream template, as Ocelot's messages say).</param>
    /// <param name="settings">The compiled QoS settings; changed settings get a new breaker.</param>
    /// <param name="label">Name of the route in metrics (its key, else the upstream template); defaults to <paramref name="routeName"/>.</param>
    public RouteBreaker GetOrCreate(string scope, string routeName, QoSSettings settings, string? label = null)
    {
        if (_breakers.TryGetValue((scope, settings), out var existing))
        {
            return existing;
        }

        var breaker = _breakers.GetOrAdd((scope, settings), key => Create(routeName, label ?? routeName, key.Settings));
        StateChanged?.Invoke(breaker, breaker.CircuitState);
        return breaker;
    }

    /// <summary>Drops breakers no route of the new configuration uses.</summary>
    public void Retain(IReadOnlySet<(string Scope, QoSSettings Settings)> inUse)
    {
        foreach (var key in _breakers.Keys)
        {
            if (!inUse.Contains(key))
            {
                if (_breakers.TryRemove(key, out var removed))
                {
                    Removed?.Invoke(removed);
                }

            }
        }
    }

    private RouteBreaker Create(string routeName, string label, QoSSettings settings)
    {
        if (!settings.BreakerEnabled)
        {
            return new RouteBreaker(routeName, label, settings, null, null);
        }

        RouteBreaker? breaker = null;
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder<ForwardOutcome> { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ForwardOutcome>
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                StateProvider = state,
                ShouldHandle = static args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex ? ex is not OperationCanceledException : args.Outcome.Result.IsFailure),
                OnOpened = args =>
                {
                    Log.Opened(_logger, routeName, args.BreakDuration.TotalMilliseconds);
                    StateChanged?.Invoke(breaker!, CircuitState.Open);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    Log.HalfOpened(_logger, routeName);
                    StateChanged?.Invoke(breaker!, CircuitState.HalfOpen);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    Log.Closed(_logger, routeName);
                    StateChanged?.Invoke(breaker!, CircuitState.Closed);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        breaker = new RouteBreaker(routeName, label, settings, pipeline, state);
        return breaker;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 500, Level = LogLevel.Warning, Message = "Circuit opened for {Route} for {BreakMs} ms; calls answer 503 without reaching downstream")]
        public static partial void Opened(ILogger logger, string route, double breakMs);

        [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Circuit half-open for {Route}; letting one trial call through")]
        public static partial void HalfOpened(ILogger logger, string route);

        [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Circuit closed for {Route}; traffic flows again")]
        public static partial void Closed(ILogger logger, string route);
    }
}
