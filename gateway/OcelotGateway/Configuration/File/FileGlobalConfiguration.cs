namespace OcelotGateway.Configuration.File;

public sealed class FileGlobalConfiguration
{
    public string? BaseUrl { get; set; }
    public string? RequestIdKey { get; set; }

    /// <summary>Our extension: the default of <see cref="FileRoute.AddForwardedHeaders"/> for every route (default false, as Ocelot).</summary>
    public bool? AddForwardedHeaders { get; set; }
    public FileServiceDiscoveryProvider? ServiceDiscoveryProvider { get; set; }
    public FileRateLimitOptions? RateLimitOptions { get; set; }
    public FileQoSOptions? QoSOptions { get; set; }

    /// <summary>Our extension: retries for every route in its group (see <see cref="FileRetryOptions"/>).</summary>
    public FileRetryOptions? RetryOptions { get; set; }
    public FileLoadBalancerOptions? LoadBalancerOptions { get; set; }
    public FileHttpHandlerOptions? HttpHandlerOptions { get; set; }
    public FileCacheOptions? CacheOptions { get; set; }
    public FileAuthenticationOptions? AuthenticationOptions { get; set; }

    /// <summary>Dynamic routes only, as in Ocelot.</summary>
    public string? DownstreamScheme { get; set; }
    public string? DownstreamHttpVersion { get; set; }
    public string? DownstreamHttpVersionPolicy { get; set; }

    public FileSecurityOptions? SecurityOptions { get; set; }
    public Dictionary<string, string> UpstreamHeaderTransform { get; set; } = [];
    public Dictionary<string, string> DownstreamHeaderTransform { get; set; } = [];
    public Dictionary<string, string> Metadata { get; set; } = [];
    public List<string> DelegatingHandlers { get; set; } = [];

    /// <summary>Whole downstream call timeout in seconds for every route (default 90).</summary>
    public int? Timeout { get; set; }
}
