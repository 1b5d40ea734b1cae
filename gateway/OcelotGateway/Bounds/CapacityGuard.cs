using Microsoft.Extensions.Logging;

namespace OcelotGateway.Bounds;

/// <summary>
/// Watches one bounded per-key structure (rate-limit counters, sticky sessions, cache coalescing). When the structure is full
/// and has to evict or do without, the overflow is counted for <c>gateway_capacity_overflows_total</c> and logged — at most
/// once per <see cref="LogInterval"/>, with the number since the last line — so a flood of unique keys cannot flood the logs.
/// </summary>
public sealed partial class CapacityGuard
{
    /// <summary>Shortest time between two warnings about the same structure.</summary>
    public static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _logLock = new();
    private long _total;
    private long _sinceLastLine;
    private long _nextLineAtTicks;

    internal CapacityGuard(string structure, string setting, int limit, string consequence, TimeProvider time, ILogger logger)
    {
        Structure = structure;
        Setting = setting;
        Limit = limit;
        Consequence = consequence;
        _time = time;
        _logger = logger;
    }

    /// <summary>Metric label, e.g. <c>rate_limit_counters</c>.</summary>
    public string Structure { get; }

    /// <summary>The <c>Gateway:*</c> setting holding <see cref="Limit"/>, named in the log line.</summary>
    public string Setting { get; }

    public int Limit { get; }

    /// <summary>What an overflow means for traffic, for the log line (e.g. "least recently used counters evicted").</summary>
    public string Consequence { get; }

    /// <summary>Overflows since start: entries evicted or requests served without the structure.</summary>
    public long Overflows => Interlocked.Read(ref _total);

    public void Overflowed(int count = 1)
    {
        Interlocked.Add(ref _total, count);
        Interlocked.Add(ref _sinceLastLine, count);
        var now = _time.GetUtcNow().UtcTicks;
        if (now < Interlocked.Read(ref _nextLineAtTicks))
        {
            return;
        }

        long reported;
        lock (_logLock)
        {
            if (now < _nextLineAtTicks)
            {
                return;
            }

            Interlocked.Exchange(ref _nextLineAtTicks, now + LogInterval.Ticks);
            reported = Interlocked.Exchange(ref _sinceLastLine, 0);
        }

        Log.Full(_logger, Structure, Limit, Setting, reported, Consequence);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, Level = LogLevel.Warning,
            Message = "{Structure} reached its bound of {Limit} ({Setting}); {Overflows} overflow(s) since the last report: {Consequence}")]
        public static partial void Full(ILogger logger, string structure, int limit, string setting, long overflows, string consequence);
    }
}
