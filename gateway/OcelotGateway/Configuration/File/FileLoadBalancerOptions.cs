namespace OcelotGateway.Configuration.File;

public sealed class FileLoadBalancerOptions
{
    /// <summary><c>NoLoadBalancer</c> (default), <c>RoundRobin</c>, <c>LeastConnection</c> or <c>CookieStickySessions</c>; case-sensitive as in Ocelot.</summary>
    public string? Type { get; set; }

    /// <summary>Sticky sessions: cookie name (default <c>.AspNetCore.Session</c>).</summary>
    public string? Key { get; set; }

    /// <summary>Sticky sessions: sliding lifetime in milliseconds (default 1 200 000).</summary>
    public int? Expiry { get; set; }

    public List<string>? RouteKeys { get; set; }
}
