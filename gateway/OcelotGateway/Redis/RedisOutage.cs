using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace OcelotGateway.Redis;

/// <summary>
/// Whether the gateway uses Redis right now, one state for every Redis user (rate limits, cache, asynchronous replies, region
/// clears), so an outage is one warning and one recovery line however many features notice it. While out, nothing on a
/// request path waits for Redis: a single background probe checks it every <see cref="RedisOptions.ProbeInterval"/> (or at
/// once when the client reports a change) and ends the outage when requests can use Redis again.
/// </summary>
internal sealed partial class RedisOutage : IAsyncDisposable
{
    private const int Connecting = 0;
    private const int Available = 1;
    private const int Out = 2;

    private readonly Func<CancellationToken, Task<bool>> _probe;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _endpoint;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _probing = Task.CompletedTask;
    private int _state = Connecting;
    private long _epoch;
    private long _startedAt;

    /// <param name="probe">True when Redis answers and any recovery work is done; called from the background only.</param>
    public RedisOutage(Func<CancellationToken, Task<bool>> probe, TimeSpan interval, TimeProvider time, ILogger logger, string endpoint)
    {
        _probe = probe;
        _interval = interval;
        _time = time;
        _logger = logger;
        _endpoint = endpoint;
    }

    /// <summary>Raised (on the probe's thread) each time an outage ends.</summary>
    public event Action? Ended;

    public bool IsAvailable => Volatile.Read(ref _state) == Available;

    /// <summary>
    /// Changes each time Redis becomes available. An operation remembers it when it starts, so a late failure of an
    /// operation begun before an outage ended does not start a new one.
    /// </summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>The first connection answered.</summary>
    public void Connected()
    {
        lock (_lock)
        {
            if (_state == Connecting)
            {
                Interlocked.Increment(ref _epoch);
                Volatile.Write(ref _state, Available);
                Log.Connected(_logger, _endpoint);
            }
        }
    }

    /// <summary>Starts an outage (logged once) unless one is under way or <paramref name="epoch"/> is stale.</summary>
    public void Failed(string reason, long epoch)
    {
        lock (_lock)
        {
            if (_state == Out || epoch != Interlocked.Read(ref _epoch))
            {
                return;
            }

            Volatile.Write(ref _state, Out);
            _startedAt = Stopwatch.GetTimestamp();
            Log.OutageStarted(_logger, _endpoint, reason);
            _probing = Task.Run(ProbeUntilBackAsync);
        }
    }

    /// <summary>Asks the probe to check now instead of at its next interval (the client saw a connection come back, or finished reassessing the server).</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _probing;
        }
        catch (OperationCanceledException)
        {
            // Stopped while Redis was still out.
        }

        _stopping.Dispose();
    }

    private async Task ProbeUntilBackAsync()
    {
        var stopping = _stopping.Token;
        while (true)
        {
            var wake = Volatile.Read(ref _wake).Task;
            await Task.WhenAny(wake, Task.Delay(_interval, _time, stopping));
            stopping.ThrowIfCancellationRequested();
            if (wake.IsCompleted)
            {
                Volatile.Write(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            if (!await ProbeAsync(stopping))
            {
                continue;
            }

            lock (_lock)
            {
                Interlocked.Increment(ref _epoch);
                Volatile.Write(ref _state, Available);
                Log.OutageEnded(_logger, _endpoint, Stopwatch.GetElapsedTime(_startedAt).TotalSeconds);
            }

            Ended?.Invoke();
            return;
        }
    }

    private async Task<bool> ProbeAsync(CancellationToken stopping)
    {
        try
        {
            return await _probe(stopping);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A probe that breaks must not end the loop, or the outage would never end.
            Log.ProbeFailed(_logger, ex.GetType().Name, ex.Message);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Warning,
            Message = "Redis at {Endpoint} unavailable ({Reason}); until it is back, rate limits count per instance and the response cache and asynchronous replies are bypassed")]
        public static partial void OutageStarted(ILogger logger, string endpoint, string reason);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information,
            Message = "Redis at {Endpoint} is back after {OutageSeconds:0.0} s; shared rate limits, cache and asynchronous replies are used again")]
        public static partial void OutageEnded(ILogger logger, string endpoint, double outageSeconds);

        [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Connected to Redis at {Endpoint}")]
        public static partial void Connected(ILogger logger, string endpoint);

        [LoggerMessage(EventId = 303, Level = LogLevel.Debug, Message = "Redis probe failed ({ExceptionType}: {Reason})")]
        public static partial void ProbeFailed(ILogger logger, string exceptionType, string reason);
    }
}
