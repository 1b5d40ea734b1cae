namespace OcelotGateway.Configuration.File;

/// <summary>
/// Our extension, not an Ocelot key: retry idempotent requests without a body on connection failures and 502/503/504,
/// with jittered exponential back-off and a retry budget. Off unless <see cref="MaxRetries"/> is above 0.
/// </summary>
public sealed class FileRetryOptions
{
    /// <summary>Extra attempts after the first one (default 0 = off).</summary>
    public int? MaxRetries { get; set; }

    /// <summary>Base back-off in milliseconds; attempt n waits a random time up to base × 2ⁿ (default 100).</summary>
    public int? BaseDelay { get; set; }

    /// <summary>Longest back-off in milliseconds (default 2000).</summary>
    public int? MaxDelay { get; set; }

    /// <summary>Retries allowed as a percentage of the route's requests in the last second, so retries cannot multiply load (default 20).</summary>
    public int? BudgetPercent { get; set; }

    /// <summary>Retries always allowed per second whatever the traffic, so a quiet route can still retry (default 10).</summary>
    public int? MinRetriesPerSecond { get; set; }

    public List<string>? RouteKeys { get; set; }
}
