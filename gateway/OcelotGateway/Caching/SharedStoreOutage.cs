using Microsoft.Extensions.Logging;

namespace OcelotGateway.Caching;

/// <summary>
/// Tracks an outage of the shared cache store: the first failure is logged once as a warning, further calls skip the store
/// (answering "unavailable" at once instead of waiting for a timeout on every request) and try it again after a growing pause;
/// the first success ends the outage and is logged.
/// </summary>
internal sealed partial class SharedStoreOutage
{
    private static readonly TimeSpan FirstRetryPause = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetryPause = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _state = new();
    private long _retryAtTicks;
    private TimeSpan _pause = FirstRetryPause;
    private bool _inOutage;

    public SharedStoreOutage(TimeProvider time, ILogger logger)
    {
        _time = time;
        _logger = logger;
    }

    public bool InOutage => Volatile.Read(ref _inOutage);

    /// <summary>True while the store is known to be down and the next attempt is not due yet.</summary>
    public bool ShouldSkip => InOutage && _time.GetUtcNow().UtcTicks < Volatile.Read(ref _retryAtTicks);

    public void Failed(string reason)
    {
        lock (_state)
        {
            var now = _time.GetUtcNow();
            if (!_inOutage)
            {
                _inOutage = true;
                _pause = FirstRetryPause;
                Log.OutageStarted(_logger, reason);
            }
            else if (now.UtcTicks >= _retryAtTicks)
            {
                _pause = _pause * 2 > LongestRetryPause ? LongestRetryPause : _pause * 2;
            }

            Volatile.Write(ref _retryAtTicks, (now + _pause).UtcTicks);
        }
    }

    public void Succeeded()
    {
        if (!InOutage)
        {
            return;
        }

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
        [LoggerMessage(EventId = 600, Level = LogLevel.Warning,
            Message = "Shared response cache unavailable ({Reason}); serving without the cache until it is back")]
        public static partial void OutageStarted(ILogger logger, string reason);

        [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Shared response cache is back")]
        public static partial void OutageEnded(ILogger logger);
    }
}
