namespace OcelotGateway.Configuration.File;

/// <summary>One Ocelot route: how an upstream request is matched and where it is sent.</summary>
public sealed class FileRoute
{
    public string? UpstreamPathTemplate { get; set; }
    public List<string> UpstreamHttpMethod { get; set; } = [];
    public string? UpstreamHost { get; set; }
    public Dictionary<string, string> UpstreamHeaderTemplates { get; set; } = [];
    public int? Priority { get; set; }
    public bool? RouteIsCaseSensitive { get; set; }
    public bool? ReRouteIsCaseSensitive { get; set; }

    public string? DownstreamPathTemplate { get; set; }
    public string? DownstreamScheme { get; set; }
    public List<FileHostAndPort> DownstreamHostAndPorts { get; set; } = [];
    public string? DownstreamHttpVersion { get; set; }
    public string? DownstreamHttpVersionPolicy { get; set; }
    public string? DownstreamHttpMethod { get; set; }
    public bool DangerousAcceptAnyServerCertificateValidator { get; set; }

    public string? Key { get; set; }
    public string? ServiceName { get; set; }
    public string? ServiceNamespace { get; set; }

    public FileLoadBalancerOptions? LoadBalancerOptions { get; set; }
    public FileQoSOptions? QoSOptions { get; set; }
    public FileRateLimitOptions? RateLimitOptions { get; set; }

    /// <summary>Our extension: retries with back-off and a budget (off by default).</summary>
    public FileRetryOptions? RetryOptions { get; set; }
    public FileCacheOptions? CacheOptions { get; set; }

    /// <summary>Legacy name of <see cref="CacheOptions"/>; wins when both are present, as in Ocelot v25.</summary>
    public FileCacheOptions? FileCacheOptions { get; set; }

    /// <summary>Our extension: answer 202 at once and let the client poll for the response (off by default).</summary>
    public FileAsyncRequestReplyOptions? AsyncRequestReply { get; set; }

    public FileAuthenticationOptions? AuthenticationOptions { get; set; }
    public Dictionary<string, string> RouteClaimsRequirement { get; set; } = [];
    public Dictionary<string, string> AddClaimsToRequest { get; set; } = [];
    public Dictionary<string, string> AddHeadersToRequest { get; set; } = [];
    public Dictionary<string, string> AddQueriesToRequest { get; set; } = [];
    public Dictionary<string, string> ChangeDownstreamPathTemplate { get; set; } = [];
    public Dictionary<string, string> UpstreamHeaderTransform { get; set; } = [];
    public Dictionary<string, string> DownstreamHeaderTransform { get; set; } = [];
    public FileHttpHandlerOptions? HttpHandlerOptions { get; set; }
    public FileSecurityOptions? SecurityOptions { get; set; }
    public string? RequestIdKey { get; set; }

    /// <summary>
    /// Our extension: send <c>X-Forwarded-For/Proto/Host</c> (and <c>-Prefix</c> under a path base) downstream. Unset takes
    /// <see cref="FileGlobalConfiguration.AddForwardedHeaders"/>; Ocelot adds none, so neither do we by default.
    /// </summary>
    public bool? AddForwardedHeaders { get; set; }
    public List<string> DelegatingHandlers { get; set; } = [];
    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>Whole downstream call timeout in seconds; 0 or less means unset.</summary>
    public int? Timeout { get; set; }

    /// <summary>SwaggerForOcelot: the <see cref="FileSwaggerEndPoint.Key"/> whose document this route exposes.</summary>
    public string? SwaggerKey { get; set; }

    /// <summary>SwaggerForOcelot: downstream virtual directory stripped before matching document paths.</summary>
    public string? VirtualDirectory { get; set; }
}
