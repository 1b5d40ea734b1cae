namespace OcelotGateway.Caching;

/// <summary>What a read found: the value when <see cref="Status"/> is <see cref="CacheStoreStatus.Done"/>.</summary>
public readonly record struct CacheLookup(CacheStoreStatus Status, byte[]? Value)
{
    public static CacheLookup Missing => new(CacheStoreStatus.Missing, null);

    public static CacheLookup Unavailable => new(CacheStoreStatus.Unavailable, null);

    public static CacheLookup Found(byte[] value) => new(CacheStoreStatus.Done, value);
}
