namespace OcelotGateway.Caching;

/// <summary>Outcome of a cache store operation. <see cref="Unavailable"/> means the shared store could not be reached in time.</summary>
public enum CacheStoreStatus
{
    Done,
    Missing,
    AlreadyExists,
    Unavailable,
}
