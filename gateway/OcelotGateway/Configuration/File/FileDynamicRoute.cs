namespace OcelotGateway.Configuration.File;

/// <summary>Per-service overrides for dynamic routing (<c>/{service}/{path}</c> without static routes).</summary>
public sealed class FileDynamicRoute
{
    public string? ServiceName { get; set; }
    public string? ServiceNamespace { get; set; }
    public string? Key { get; set; }
    public string? DownstreamScheme { get; set; }
    public string? DownstreamHttpVersion { get; set; }
    public string? DownstreamHttpVersionPolicy { get; set; }
    public FileRateLimitOptions? RateLimitOptions { get; set; }

    /// <summary>Legacy name of <see cref="RateLimitOptions"/>; wins when set.</summary>
    public FileRateLimitOptions? RateLimitRule { get; set; }
    public FileQoSOptions? QoSOptions { get; set; }
    public FileLoadBalancerOptions? LoadBalancerOptions { get; set; }
    public FileCacheOptions? CacheOptions { get; set; }
    public FileAuthenticationOptions? AuthenticationOptions { get; set; }
    public FileHttpHandlerOptions? HttpHandlerOptions { get; set; }
    public Dictionary<string, string> Metadata { get; set; } = [];
    public int? Timeout { get; set; }
}
