using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.Discovery;

/// <summary>
/// Tuning of the Consul watchers (section <c>Gateway:Discovery</c>). Where Consul is and how it is reached stays in the route
/// files' <c>GlobalConfiguration.ServiceDiscoveryProvider</c>, as in Ocelot.
/// </summary>
public sealed class DiscoveryOptions
{
    public const string SectionName = "Gateway:Discovery";

    /// <summary>
    /// Longest time a Consul blocking query waits for a change before it returns unchanged (Consul's <c>wait</c>; default 30 s).
    /// Consul caps it at 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan BlockingWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First pause after a failed Consul call; it doubles with every further failure up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between attempts while Consul is unreachable (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long start-up waits for the first answer about each service before the gateway listens (default 5 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan InitialLookupTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// With <c>Gateway:ConfigurationSource</c> <c>Consul</c>: how long start-up keeps trying to read the configuration key
    /// before it gives up and the host stops (default 30 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ConfigurationReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Dynamic routing only: the catalog services that get a route, as names or name prefixes ending in <c>*</c>
    /// (case-insensitive). Empty (the default): every service not excluded by <see cref="DynamicRoutingExcluded"/>.
    /// </summary>
    public List<string> DynamicRoutingAllowed { get; set; } = [];

    /// <summary>
    /// Dynamic routing only: services that never get a route, as names or name prefixes ending in <c>*</c> (case-insensitive);
    /// they win over <see cref="DynamicRoutingAllowed"/> and over <c>DynamicRoutes</c> entries. Unset: <c>consul</c>, whose
    /// catalog entry is the Consul servers' RPC port. A value replaces that default.
    /// </summary>
    public List<string>? DynamicRoutingExcluded { get; set; }
}
