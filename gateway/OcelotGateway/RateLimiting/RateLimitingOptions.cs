using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.RateLimiting;

/// <summary>
/// Limits of client rate limiting (section <c>Gateway:RateLimiting</c>). Which routes are limited, and how, is decided by the
/// route files' <c>RateLimitOptions</c>; these settings bound what counting may cost when clients send many distinct ids.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "Gateway:RateLimiting";

    /// <summary>
    /// Most counters this instance keeps in process (default 100,000; a counter takes a few hundred bytes). Beyond it, the
    /// counters closest to expiry are evicted (their clients start a fresh window), counted in
    /// <c>gateway_capacity_overflows_total</c> and logged at most once a minute. Redis counters are not capped by number: each
    /// expires with its window.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxCounters { get; set; } = 100_000;
}
