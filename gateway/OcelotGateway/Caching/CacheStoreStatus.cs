namespace OcelotGateway.Caching;

/// <summary>Outcome of a cache store operation. <see cref="Unavailable"/> means the shared store could not be reached in time.</summary>
public enum CacheStoreStatus
{
    Done,
    Missing,
    Unavailable,

    /// <summary>A region clear is remembered while the shared store is out, and done before the store is used again.</summary>
    Deferred,
}
