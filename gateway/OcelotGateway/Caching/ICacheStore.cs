namespace OcelotGateway.Caching;

/// <summary>
/// Where cached responses and asynchronous replies live: in this process, or in Redis shared by the fleet. Values are opaque
/// bytes with an absolute lifetime; regions group entries so an operator can clear them together. Implementations never throw
/// for an unreachable store: they answer <see cref="CacheStoreStatus.Unavailable"/> and callers serve without the cache.
/// </summary>
public interface ICacheStore
{
    ValueTask<CacheLookup> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores or replaces a value; <paramref name="region"/> may be null for entries no region clear should touch.</summary>
    ValueTask<CacheStoreStatus> SetAsync(string key, byte[] value, TimeSpan ttl, string? region, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a value only when the key is free, answering <see cref="CacheStoreStatus.Missing"/>; otherwise answers the value
    /// already there and stores nothing. One winner across the fleet.
    /// </summary>
    ValueTask<CacheLookup> AddOrGetAsync(string key, byte[] value, TimeSpan ttl, CancellationToken cancellationToken);

    ValueTask<CacheStoreStatus> RemoveAsync(string key, CancellationToken cancellationToken);

    /// <summary>Done, or <see cref="CacheStoreStatus.Deferred"/> when a shared store is out and will be cleared before it is used again.</summary>
    ValueTask<CacheStoreStatus> ClearRegionAsync(string region, CancellationToken cancellationToken);
}
