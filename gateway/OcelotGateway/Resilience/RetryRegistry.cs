using System.Collections.Concurrent;
using Polly;
using Polly.Retry;

namespace OcelotGateway.Resilience;

/// <summary>One retry pipeline and budget per route, kept across reloads while the route's retry settings are unchanged.</summary>
public sealed class RetryRegistry
{
    private readonly ConcurrentDictionary<(string Scope, RetrySettings Settings), RouteRetry> _retries = new();
    private readonly TimeProvider _time;

    public RetryRegistry(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Live retry pipelines: one per route with retries in the current configuration.</summary>
    public int Count => _retries.Count;

    public RouteRetry GetOrCreate(string scope, RetrySettings settings) =>
        _retries.GetOrAdd((scope, settings), key => Create(key.Settings));

    public void Retain(IReadOnlySet<(string Scope, RetrySettings Settings)> inUse)
    {
        foreach (var key in _retries.Keys)
        {
            if (!inUse.Contains(key))
            {
                _retries.TryRemove(key, out _);
            }
        }
    }

    private RouteRetry Create(RetrySettings settings)
    {
        var budget = new RetryBudget(settings.BudgetPercent, settings.MinRetriesPerSecond, _time);
        var pipeline = new ResiliencePipelineBuilder<ForwardOutcome> { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions<ForwardOutcome>
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                // The budget is only spent when a retry is really about to happen.
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is null && args.Outcome.Result.IsRetryable && budget.TryAcquire()),
            })
            .Build();
        return new RouteRetry(settings, pipeline, budget);
    }
}
