namespace OcelotGateway.RateLimiting;

/// <summary>Counts one request atomically: read the counter, apply <see cref="RateLimitCounter.Next"/>, store it, in one step.</summary>
public interface IRateLimitCounterStore
{
    ValueTask<RateLimitDecision> CountAsync(string key, RateLimitRule rule, CancellationToken cancellationToken);
}
