using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.Caching;

/// <summary>
/// Limits of the response cache (section <c>Gateway:Caching</c>). Which routes are cached, and for how long, is decided by the
/// route files' <c>CacheOptions</c>; these settings only bound what caching may cost.
/// </summary>
public sealed class CachingOptions
{
    public const string SectionName = "Gateway:Caching";

    /// <summary>Largest response body kept (default 1 MiB). A larger response is still streamed to the client, just not cached.</summary>
    [Range(0, int.MaxValue)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Largest request body read to compute a key with <c>EnableContentHashing</c> (default 1 MiB). A larger request is
    /// forwarded without caching.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Memory budget of the in-process store, in bytes (default 64 MiB). Least recently used entries are evicted beyond it.
    /// Not used when Redis holds the cache.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MemoryLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Most distinct keys whose concurrent misses are coalesced into one downstream call at a time (default 10,000). A miss
    /// beyond it makes its own call (its response is still cached), counted in <c>gateway_capacity_overflows_total</c>.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxInFlightKeys { get; set; } = 10_000;
}
