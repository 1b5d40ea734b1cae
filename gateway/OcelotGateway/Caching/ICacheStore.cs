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

    /// <summary>Stores a value only when the key is free (<see cref="CacheStoreStatus.AlreadyExists"/> otherwise): one winner across the fleet.</summary>
    ValueTask<CacheStoreStatus> AddAsync(string key, byte[] value, TimeSpan ttl, CancellationToken cancellationToken);

    ValueTask<CacheStoreStatus> ClearRegionAsync(string region, CancellationToken cancellationToken);
}
