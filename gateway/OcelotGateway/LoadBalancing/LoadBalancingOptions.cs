using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.LoadBalancing;

/// <summary>Limits of load balancing (section <c>Gateway:LoadBalancing</c>).</summary>
public sealed class LoadBalancingOptions
{
    public const string SectionName = "Gateway:LoadBalancing";

    /// <summary>
    /// Most <c>CookieStickySessions</c> sessions this instance remembers (default 100,000). Beyond it, the sessions closest to
    /// expiry — the least recently used — are forgotten (their next request is balanced afresh), counted in
    /// <c>gateway_capacity_overflows_total</c> and logged at most once a minute.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxStickySessions { get; set; } = 100_000;
}
