using Polly;

namespace OcelotGateway.Resilience;

/// <summary>A route's retry extension at run time: settings, the Polly retry pipeline and the route's retry budget.</summary>
public sealed class RouteRetry
{
    internal RouteRetry(RetrySettings settings, ResiliencePipeline<ForwardOutcome> pipeline, RetryBudget budget)
    {
        Settings = settings;
        Pipeline = pipeline;
        Budget = budget;
    }

    public RetrySettings Settings { get; }

    public ResiliencePipeline<ForwardOutcome> Pipeline { get; }

    public RetryBudget Budget { get; }
}
