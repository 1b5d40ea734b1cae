namespace OcelotGateway.RateLimiting;

/// <summary>The counter after this request and the moment it was counted at (the store's clock, so fleets agree).</summary>
public readonly record struct RateLimitDecision(RateLimitCounter Counter, DateTimeOffset Now);
