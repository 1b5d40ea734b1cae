using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OcelotGateway.Redis;
using StackExchange.Redis;

namespace OcelotGateway.Caching;

/// <summary>
/// With Redis, listens for region clears announced by other instances (see <see cref="CacheRegionClearer"/>). Subscribing is
/// retried in the background until Redis answers, so a gateway started during a Redis outage still joins in later;
/// StackExchange.Redis restores the subscription itself after a reconnect.
/// </summary>
internal sealed partial class CacheClearSubscriber : BackgroundService
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    private readonly RedisConnection _redis;
    private readonly CacheRegionClearer _clearer;
    private readonly ILogger<CacheClearSubscriber> _logger;

    public CacheClearSubscriber(RedisConnection redis, CacheRegionClearer clearer, ILogger<CacheClearSubscriber> logger)
    {
        _redis = redis;
        _clearer = clearer;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_redis.IsConfigured)
        {
            return;
        }

        var channel = RedisCacheStore.ClearChannel(_redis.Options);
        var pause = TimeSpan.FromMilliseconds(500);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var subscriber = await _redis.GetSubscriberAsync(stoppingToken);
                await subscriber.SubscribeAsync(channel, (_, region) => _clearer.OnClearedElsewhere(region.ToString()))
                    .WaitAsync(_redis.Options.OperationTimeout, stoppingToken);
                Log.Subscribed(_logger, channel.ToString());
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Log.SubscribeFailed(_logger, ex.Message);
            }

            await Task.Delay(pause, stoppingToken);
            pause = pause * 2 > LongestPause ? LongestPause : pause * 2;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 623, Level = LogLevel.Debug, Message = "Listening for cache region clears on {Channel}")]
        public static partial void Subscribed(ILogger logger, string channel);

        [LoggerMessage(EventId = 624, Level = LogLevel.Debug, Message = "Could not subscribe to cache region clears yet: {Reason}")]
        public static partial void SubscribeFailed(ILogger logger, string reason);
    }
}
