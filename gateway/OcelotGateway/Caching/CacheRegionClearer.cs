using Microsoft.Extensions.Logging;
using OcelotGateway.Redis;
using StackExchange.Redis;

namespace OcelotGateway.Caching;

/// <summary>
/// Clears a cache region for the administration API: the store's entries (shared in Redis, so every instance sees it), this
/// instance's calls under way, and — through a Redis channel — every other instance's calls under way.
/// </summary>
internal sealed partial class CacheRegionClearer
{
    private readonly ICacheStore _store;
    private readonly ResponseCoalescer _coalescer;
    private readonly RedisConnection _redis;
    private readonly ILogger<CacheRegionClearer> _logger;

    public CacheRegionClearer(ICacheStore store, ResponseCoalescer coalescer, RedisConnection redis, ILogger<CacheRegionClearer> logger)
    {
        _store = store;
        _coalescer = coalescer;
        _redis = redis;
        _logger = logger;
    }

    /// <summary>The channel instances announce region clears on.</summary>
    public RedisChannel Channel => RedisChannel.Literal(_redis.Options.KeyPrefix + "cache-clear");

    /// <summary><see cref="CacheStoreStatus.Unavailable"/> when the shared store could not be cleared.</summary>
    public async Task<CacheStoreStatus> ClearAsync(string region, CancellationToken cancellationToken)
    {
        _coalescer.InvalidateRegion(region);
        var status = await _store.ClearRegionAsync(region, cancellationToken);
        if (status == CacheStoreStatus.Unavailable)
        {
            Log.ClearFailed(_logger, region);
            return status;
        }

        await AnnounceAsync(region);
        Log.Cleared(_logger, region);
        return status;
    }

    /// <summary>Another instance cleared <paramref name="region"/>; the shared store is already clear, only local state remains.</summary>
    public void OnClearedElsewhere(string region) => _coalescer.InvalidateRegion(region);

    private async Task AnnounceAsync(string region)
    {
        if (!_redis.IsConfigured)
        {
            return;
        }

        try
        {
            if (await _redis.GetSubscriberAsync() is { } subscriber)
            {
                await subscriber.PublishAsync(Channel, region).WaitAsync(_redis.Options.OperationTimeout);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The entries are gone from Redis; other instances only miss the chance to drop calls already under way.
            Log.AnnounceFailed(_logger, region, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 620, Level = LogLevel.Information, Message = "Cache region {Region} cleared")]
        public static partial void Cleared(ILogger logger, string region);

        [LoggerMessage(EventId = 621, Level = LogLevel.Warning, Message = "Cache region {Region} could not be cleared: the shared cache is unavailable")]
        public static partial void ClearFailed(ILogger logger, string region);

        [LoggerMessage(EventId = 622, Level = LogLevel.Warning, Message = "Clear of cache region {Region} could not be announced to other instances: {Reason}")]
        public static partial void AnnounceFailed(ILogger logger, string region, string reason);
    }
}
