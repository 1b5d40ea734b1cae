using Microsoft.Extensions.Logging;

namespace OcelotGateway.Discovery.Consul;

/// <summary>
/// Runs one Consul query over and over until cancelled: as a blocking query that returns as soon as Consul's state moves
/// (type <c>Consul</c>), or at a fixed interval (type <c>PollConsul</c>). Failures never end the loop: the last applied answer
/// stays in force, the outage is logged once, and the next attempt waits with exponential back-off.
/// </summary>
internal sealed partial class ConsulWatch
{
    /// <summary>Pause between two blocking queries, so a service whose index moves constantly cannot make the loop spin.</summary>
    internal static readonly TimeSpan MinimumPause = TimeSpan.FromMilliseconds(50);

    private readonly string _name;
    private readonly Func<BlockingQuery, CancellationToken, Task<long>> _query;
    private readonly ConsulWatchSchedule _schedule;
    private readonly ConsulOutageLog _outage;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="name">What is watched, for logs (<c>service stock</c>).</param>
    /// <param name="query">Sends the query, applies its answer and returns the <c>X-Consul-Index</c> it carried.</param>
    public ConsulWatch(
        string name,
        Func<BlockingQuery, CancellationToken, Task<long>> query,
        ConsulWatchSchedule schedule,
        ConsulOutageLog outage,
        TimeProvider time,
        ILogger logger)
    {
        _name = name;
        _query = query;
        _schedule = schedule;
        _outage = outage;
        _time = time;
        _logger = logger;
    }

    /// <summary>Completes once the first attempt has succeeded or failed.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var index = 0L;
        var retryDelay = _schedule.RetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan pause;
            try
            {
                var query = _schedule.Blocking && index > 0 ? new BlockingQuery(index, _schedule.Wait) : BlockingQuery.Immediate;
                var returned = await _query(query, cancellationToken);
                _outage.Succeeded(_name);
                index = BlockingQuery.NextIndex(index, returned);
                retryDelay = _schedule.RetryDelay;
                pause = _schedule.Blocking ? MinimumPause : _schedule.PollingInterval;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ConsulClient.IsFailure(ex))
            {
                _outage.Failed(_name, ex, retryDelay);
                (pause, retryDelay) = (retryDelay, Grow(retryDelay));

                // Consul may come back with a fresh index (restart, restore): the first query after a failure does not block.
                index = 0;
            }
            catch (Exception ex)
            {
                Log.WatchFailed(_logger, _name, ex);
                (pause, retryDelay) = (retryDelay, Grow(retryDelay));
                index = 0;
            }
            finally
            {
                _firstAttempt.TrySetResult();
            }

            try
            {
                await Task.Delay(pause, _time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _firstAttempt.TrySetResult();
    }

    private TimeSpan Grow(TimeSpan delay)
    {
        var doubled = delay * 2;
        return doubled < _schedule.MaxRetryDelay ? doubled : _schedule.MaxRetryDelay;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 802, Level = LogLevel.Error, Message = "Applying Consul's answer for {Watcher} failed; retrying with back-off")]
        public static partial void WatchFailed(ILogger logger, string watcher, Exception exception);
    }
}
