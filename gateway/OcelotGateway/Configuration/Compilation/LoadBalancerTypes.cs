namespace OcelotGateway.Configuration.Compilation;

/// <summary>Ocelot's load balancer type names, matched case-sensitively as Ocelot does.</summary>
public static class LoadBalancerTypes
{
    public const string NoLoadBalancer = nameof(NoLoadBalancer);
    public const string RoundRobin = nameof(RoundRobin);
    public const string LeastConnection = nameof(LeastConnection);
    public const string CookieStickySessions = nameof(CookieStickySessions);
}
