using Microsoft.Extensions.Logging;

namespace OcelotGateway.Caching;

/// <summary>
/// Clears a cache region for the administration API: this instance's calls under way, and the store's entries. With Redis
/// the same step announces the clear so every other instance drops its calls under way too (<see cref="CacheClearSubscriber"/>);
/// while Redis is out the clear is remembered and done before Redis is used again.
/// </summary>
internal sealed partial class CacheRegionClearer
{
    private readonly ICacheStore _store;
    private readonly ResponseCoalescer _coalescer;
    private readonly ILogger<CacheRegionClearer> _logger;

    public CacheRegionClearer(ICacheStore store, ResponseCoalescer coalescer, ILogger<CacheRegionClearer> logger)
    {
        _store = store;
        _coalescer = coalescer;
        _logger = logger;
    }

    /// <summary>
    /// <see cref="CacheStoreStatus.Done"/>, <see cref="CacheStoreStatus.Deferred"/> (Redis is out), or
    /// <see cref="CacheStoreStatus.Unavailable"/> when the clear could be neither done nor remembered.
    /// </summary>
    public async Task<CacheStoreStatus> ClearAsync(string region, CancellationToken cancellationToken)
    {
        _coalescer.InvalidateRegion(region);
        var status = await _store.ClearRegionAsync(region, cancellationToken);
        switch (status)
        {
            case CacheStoreStatus.Done:
                Log.Cleared(_logger, region);
                break;
            case CacheStoreStatus.Deferred:
                Log.Deferred(_logger, region);
                break;
            default:
                Log.ClearFailed(_logger, region);
                break;
        }

        return status;
    }

    /// <summary>Another instance cleared <paramref name="region"/>; the shared store is already clear, only local state remains.</summary>
    public void OnClearedElsewhere(string region) => _coalescer.InvalidateRegion(region);

    private static partial class Log
    {
        [LoggerMessage(EventId = 620, Level = LogLevel.Information, Message = "Cache region {Region} cleared")]
        public static partial void Cleared(ILogger logger, string region);

        [LoggerMessage(EventId = 621, Level = LogLevel.Warning,
            Message = "Cache region {Region} could not be cleared: Redis refused it, or too many clears are waiting for Redis to come back")]
        public static partial void ClearFailed(ILogger logger, string region);

        [LoggerMessage(EventId = 622, Level = LogLevel.Information,
            Message = "Cache region {Region} will be cleared when Redis is back, before any entry is read from it again")]
        public static partial void Deferred(ILogger logger, string region);
    }
}
