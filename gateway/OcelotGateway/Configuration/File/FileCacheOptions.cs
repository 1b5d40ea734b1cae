namespace OcelotGateway.Configuration.File;

public sealed class FileCacheOptions
{
    /// <summary>Absolute expiry in seconds; caching is on only when above 0.</summary>
    public int? TtlSeconds { get; set; }
    public string? Region { get; set; }

    /// <summary>Request header whose value is part of the cache key (default <c>OC-Cache-Control</c>).</summary>
    public string? Header { get; set; }
    public bool? EnableContentHashing { get; set; }

    /// <summary>
    /// Our extension: on a route with authentication, entries are kept per caller unless this is true, which lets every
    /// authenticated caller receive the answer stored for another.
    /// </summary>
    public bool? SharedAcrossUsers { get; set; }
    public List<string>? RouteKeys { get; set; }
}
