using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OcelotGateway.RateLimiting;

/// <summary>
/// Uses the shared store while it answers in time; when it fails or is slow, counts in-process instead (never a 500), logs
/// that once per outage, and tries the shared store again after a growing pause until it is back.
/// </summary>
public sealed partial class FallbackRateLimitCounterStore : IRateLimitCounterStore
{
    private static readonly TimeSpan FirstRetryPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryPause = TimeSpan.FromSeconds(30);

    private readonly IRateLimitCounterStore _shared;
    private readonly MemoryRateLimitCounterStore _local;
    private readonly TimeProvider _time;
    private readonly ILogger<FallbackRateLimitCounterStore> _logger;
    private readonly Lock _state = new();
    private DateTimeOffset _retrySharedAt = DateTimeOffset.MinValue;
    private TimeSpan _pause = FirstRetryPause;
    private bool _inOutage;

    public FallbackRateLimitCounterStore(
        IRateLimitCounterStore shared,
        MemoryRateLimitCounterStore local,
        TimeProvider time,
        ILogger<FallbackRateLimitCounterStore> logger)
    {
        _shared = shared;
        _local = local;
        _time = time;
        _logger = logger;
    }

    public bool InOutage => Volatile.Read(ref _inOutage);

    public async ValueTask<RateLimitDecision> CountAsync(string key, RateLimitRule rule, CancellationToken cancellationToken)
    {
        if (InOutage && _time.GetUtcNow() < _retrySharedAt)
        {
            return await _local.CountAsync(key, rule, cancellationToken);
        }

        try
        {
            var decision = await _shared.CountAsync(key, rule, cancellationToken);
            if (InOutage)
            {
                EndOutage();
            }

            return decision;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            BeginOrExtendOutage(ex);
            return await _local.CountAsync(key, rule, cancellationToken);
        }
    }

    private void BeginOrExtendOutage(Exception ex)
    {
        lock (_state)
        {
            var now = _time.GetUtcNow();
            if (!_inOutage)
            {
                _inOutage = true;
                _pause = FirstRetryPause;
                Log.OutageStarted(_logger, ex.GetType().Name, ex.Message);
            }
            else if (now >= _retrySharedAt)
            {
                _pause = _pause * 2 > LongestRetryPause ? LongestRetryPause : _pause * 2;
            }

            _retrySharedAt = now + _pause;
        }
    }

    private void EndOutage()
    {
        lock (_state)
        {
            if (_inOutage)
            {
                _inOutage = false;
                Log.OutageEnded(_logger);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Warning,
            Message = "Shared rate-limit store unavailable ({ExceptionType}: {Reason}); counting per gateway instance until it is back")]
        public static partial void OutageStarted(ILogger logger, string exceptionType, string reason);

        [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Shared rate-limit store is back; counting across the fleet again")]
        public static partial void OutageEnded(ILogger logger);
    }
}
