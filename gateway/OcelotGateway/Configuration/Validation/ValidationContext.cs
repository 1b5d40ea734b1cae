namespace OcelotGateway.Configuration.Validation;

/// <summary>What the running host provides, which decides whether names in the route files resolve.</summary>
public sealed class ValidationContext
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>Registered ASP.NET Core authentication scheme names (case-sensitive); null skips the check, e.g. in the <c>validate</c> command.</summary>
    public IReadOnlySet<string>? AuthenticationSchemes { get; init; }

    /// <summary>Load balancer types registered besides Ocelot's four built-in ones (case-sensitive, as Ocelot matches them).</summary>
    public IReadOnlySet<string> CustomLoadBalancerTypes { get; init; } = None;

    /// <summary>Names of delegating handlers registered with <c>AddGatewayDelegatingHandler</c>; null skips the check, e.g. in the <c>validate</c> command.</summary>
    public IReadOnlySet<string>? DelegatingHandlers { get; init; }

    /// <summary>Names of registered custom aggregators that <c>Aggregates[].Aggregator</c> may name.</summary>
    public IReadOnlySet<string> Aggregators { get; init; } = None;

    /// <summary>
    /// Whether service discovery (Consul) is registered in the host; without it, routes with a <c>ServiceName</c> and
    /// dynamic routing cannot work. True by default because the gateway ships Consul discovery; a host that leaves it out
    /// sets false.
    /// </summary>
    public bool ServiceDiscoveryAvailable { get; init; } = true;
}
