using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OcelotGateway.Redis;

/// <summary>
/// One multiplexed connection shared by every Redis user in the gateway, and the only way they reach Redis
/// (<see cref="RunAsync"/>). No request waits for Redis longer than <see cref="RedisOptions.OperationTimeout"/>: connecting
/// and reconnecting happen in the background, each operation is cut off at the timeout, and during an outage
/// (<see cref="RedisOutage"/>) operations answer "unavailable" at once without touching the network.
/// </summary>
public sealed partial class RedisConnection : IHostedService, IAsyncDisposable
{
    private const string SettleReason = "ocelot-gateway: is Redis usable again";
    private static readonly TimeSpan ServerErrorLogPause = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(20);

    private readonly RedisOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private readonly RedisOutage _outage;
    private readonly RedisKey _probeKey;
    private readonly List<Func<IDatabase, Task>> _recoverySteps = [];
    private readonly TaskCompletionSource<ConnectionMultiplexer> _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private ConnectionMultiplexer? _multiplexer;
    private Task? _connecting;
    private long _serverErrorLoggedAt = long.MinValue / 2;
    private int _disposed;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _options = options.Value;
        _logger = logger;
        var endpoint = _options.IsConfigured ? DescribeEndpoints(ConfigurationOptions.Parse(_options.Configuration!)) : "(not configured)";
        _probeKey = _options.KeyPrefix + "probe";
        _outage = new RedisOutage(ProbeAsync, _options.ProbeInterval, TimeProvider.System, logger, endpoint);
    }

    /// <summary>Raised each time Redis is used again after an outage.</summary>
    public event Action? Recovered
    {
        add => _outage.Ended += value;
        remove => _outage.Ended -= value;
    }

    public RedisOptions Options => _options;

    public bool IsConfigured => _options.IsConfigured;

    /// <summary>True while requests use Redis: connected, and no outage under way.</summary>
    public bool IsAvailable => _outage.IsAvailable;

    /// <summary>The pub/sub side of the connection once it exists; StackExchange.Redis restores subscriptions after reconnects.</summary>
    public async Task<ISubscriber> GetSubscriberAsync(CancellationToken cancellationToken)
    {
        Start();
        return (await _created.Task.WaitAsync(cancellationToken)).GetSubscriber();
    }

    /// <summary>
    /// Work that must be done on Redis before it is used again after an outage (e.g. region clears asked for meanwhile).
    /// Each step gets the operation timeout; if one fails, the outage goes on and all steps run again on the next probe.
    /// </summary>
    internal void AddRecoveryStep(Func<IDatabase, Task> step)
    {
        lock (_lock)
        {
            _recoverySteps.Add(step);
        }
    }

    /// <summary>
    /// Runs one operation within the operation timeout; <c>Value</c> is meaningful only when the outcome is
    /// <see cref="RedisOutcome.Done"/>. A failure to reach Redis starts an outage.
    /// </summary>
    public async ValueTask<(RedisOutcome Outcome, T Value)> RunAsync<T, TState>(
        Func<IDatabase, TState, Task<T>> operation, TState state, CancellationToken cancellationToken)
    {
        if (!_outage.IsAvailable || Volatile.Read(ref _multiplexer) is not { } multiplexer)
        {
            Start();
            return (RedisOutcome.Unavailable, default!);
        }

        var epoch = _outage.Epoch;
        if (!multiplexer.IsConnected)
        {
            _outage.Failed("not connected", epoch);
            return (RedisOutcome.Unavailable, default!);
        }

        Task<T>? pending = null;
        try
        {
            pending = operation(multiplexer.GetDatabase(), state);
            return (RedisOutcome.Done, await pending.WaitAsync(_options.OperationTimeout, cancellationToken));
        }
        catch (Exception ex) when (ex is RedisServerException or RedisCommandException)
        {
            // Redis answered, so it is not out: this operation failed (out of memory, read-only replica, ...).
            LogServerError(ex);
            return (RedisOutcome.Refused, default!);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            Observe(pending);
            _outage.Failed(ex is TimeoutException ? $"no answer within {_options.OperationTimeout.TotalMilliseconds} ms" : ex.Message, epoch);
            return (RedisOutcome.Unavailable, default!);
        }
    }

    /// <summary>
    /// Begins connecting and gives the first attempt up to the connect timeout (at most 5 s), so the first requests already
    /// share state; an unreachable Redis delays start-up by no more than that, and the gateway starts without it.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Start();
        if (Volatile.Read(ref _connecting) is { } connecting)
        {
            try
            {
                await connecting.WaitAsync(TimeSpan.FromMilliseconds(ConnectTimeoutMilliseconds + 100), cancellationToken);
            }
            catch (TimeoutException)
            {
                // Still connecting: requests go without Redis until it answers.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // Registered as a singleton and as a hosted service: the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _outage.DisposeAsync();
        if (Volatile.Read(ref _connecting) is { } connecting)
        {
            await connecting;
        }

        if (Volatile.Read(ref _multiplexer) is { } multiplexer)
        {
            await multiplexer.DisposeAsync();
        }
    }

    /// <summary>Begins connecting in the background, once; never waits.</summary>
    private void Start()
    {
        if (!_options.IsConfigured || Volatile.Read(ref _connecting) is not null)
        {
            return;
        }

        lock (_lock)
        {
            _connecting ??= Task.Run(ConnectFirstAsync);
        }
    }

    private async Task ConnectFirstAsync()
    {
        if (await CreateAsync() is not { } multiplexer)
        {
            return;
        }

        if (await ReadyAsync(multiplexer, CancellationToken.None))
        {
            _outage.Connected();
        }
        else
        {
            _outage.Failed("could not connect", _outage.Epoch);
        }
    }

    private async Task<ConnectionMultiplexer?> CreateAsync()
    {
        try
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(BuildConfiguration());
            multiplexer.ConnectionFailed += OnConnectionFailed;
            multiplexer.ConnectionRestored += OnConnectionRestored;
            multiplexer.ConfigurationChanged += OnReassessed;
            Volatile.Write(ref _multiplexer, multiplexer);
            _created.TrySetResult(multiplexer);
            return multiplexer;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or IOException or System.Net.Sockets.SocketException)
        {
            // The probe tries again; until then the gateway works without Redis.
            _outage.Failed(ex.Message, _outage.Epoch);
            return null;
        }
    }

    private int ConnectTimeoutMilliseconds => Math.Clamp((int)Math.Ceiling(_options.OperationTimeout.TotalMilliseconds) * 4, 1000, 5000);

    private ConfigurationOptions BuildConfiguration()
    {
        var configuration = ConfigurationOptions.Parse(_options.Configuration!);
        var timeout = (int)Math.Ceiling(_options.OperationTimeout.TotalMilliseconds);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectRetry = 1;
        configuration.ConnectTimeout = ConnectTimeoutMilliseconds;
        configuration.AsyncTimeout = timeout;
        // The gateway makes no synchronous calls; should a library path do one, it is bounded the same way.
        configuration.SyncTimeout = timeout;
        // Fail at once while disconnected and drop what was pending when the connection broke: a command queued during an
        // outage and replayed after it could store a response after its region was cleared.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        // Reconnect attempts every 0.5-2 s (one connection per instance), so recovery follows Redis's return closely.
        configuration.ReconnectRetryPolicy = new ExponentialRetry(500, 2000);
        configuration.ClientName ??= "ocelot-gateway";
        return configuration;
    }

    private async Task<bool> ProbeAsync(CancellationToken stopping) =>
        (Volatile.Read(ref _multiplexer) ?? await CreateAsync()) is { } multiplexer && await ReadyAsync(multiplexer, stopping);

    /// <summary>
    /// Requests may use Redis: the client has settled, a read through the path requests take answers, and the recovery
    /// steps are done.
    /// </summary>
    private async Task<bool> ReadyAsync(ConnectionMultiplexer multiplexer, CancellationToken stopping)
    {
        if (!multiplexer.IsConnected || !await SettledAsync(multiplexer, stopping) || !await AnswersAsync(multiplexer, stopping))
        {
            return false;
        }

        Func<IDatabase, Task>[] steps;
        lock (_lock)
        {
            steps = [.. _recoverySteps];
        }

        var database = multiplexer.GetDatabase();
        try
        {
            foreach (var step in steps)
            {
                await step(database).WaitAsync(_options.OperationTimeout, stopping);
            }

            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.RecoveryStepFailed(_logger, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// Waits until no reassessment of the server by StackExchange.Redis is under way (at most twice the connect timeout: one
    /// under way lasts up to the connect timeout, more on a busy machine). The client starts one whenever a connection drops
    /// or comes back; one begun while the command connection was down waits up to the connect timeout for both that
    /// connection and the pub/sub one, and if the pub/sub one is late it marks the server unusable, though the command
    /// connection is back and has answered meanwhile: every command then fails ("No connection is active/available") until
    /// the client's next heartbeat. Reassessments run one at a time and <see cref="ConnectionMultiplexer.ReconfigureAsync(string)"/>
    /// answers false while another is under way, so once ours has run none begun earlier is left, and whether the server is
    /// usable is what ours found.
    /// </summary>
    private async Task<bool> SettledAsync(ConnectionMultiplexer multiplexer, CancellationToken stopping)
    {
        var limit = TimeSpan.FromMilliseconds(ConnectTimeoutMilliseconds * 2);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var reassessing = multiplexer.ReconfigureAsync(SettleReason);
            try
            {
                if (await reassessing.WaitAsync(limit, stopping))
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Observe(reassessing);
                return false;
            }

            // Another reassessment is under way; the client signals the end of only some of them, so look again shortly.
            if (Stopwatch.GetElapsedTime(started) >= limit)
            {
                return false;
            }

            await Task.Delay(SettlePoll, stopping);
        }
    }

    /// <summary>A read of a key, as requests do it (same database, same flags), so it takes the connection and server they take.</summary>
    private async Task<bool> AnswersAsync(ConnectionMultiplexer multiplexer, CancellationToken stopping)
    {
        Task<RedisValue>? read = null;
        try
        {
            read = multiplexer.GetDatabase().StringGetAsync(_probeKey);
            await read.WaitAsync(_options.OperationTimeout, stopping);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Observe(read);
            return false;
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        Log.ConnectionEvent(_logger, "lost", e.ConnectionType.ToString(), e.FailureType.ToString());
        // Events arrive on other threads, possibly late: only a connection that is still down starts an outage.
        if (e.ConnectionType == ConnectionType.Interactive && sender is ConnectionMultiplexer { IsConnected: false })
        {
            _outage.Failed("connection lost: " + e.FailureType, _outage.Epoch);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        Log.ConnectionEvent(_logger, "restored", e.ConnectionType.ToString(), e.FailureType.ToString());
        _outage.Wake();
    }

    /// <summary>A reassessment begun when a connection dropped or came back is over: the probe may find the client settled now.</summary>
    private void OnReassessed(object? sender, EndPointEventArgs e) => _outage.Wake();

    private void LogServerError(Exception ex)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _serverErrorLoggedAt);
        if (now - last >= ServerErrorLogPause.TotalMilliseconds && Interlocked.CompareExchange(ref _serverErrorLoggedAt, now, last) == last)
        {
            Log.ServerError(_logger, ex.Message);
        }
    }

    private static void Observe(Task? abandoned) =>
        abandoned?.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private static string DescribeEndpoints(ConfigurationOptions configuration) => string.Join(", ", configuration.EndPoints.Select(static endpoint => endpoint switch
    {
        DnsEndPoint dns => dns.Host + ":" + dns.Port,
        _ => endpoint.ToString() ?? "?",
    }));

    private static partial class Log
    {
        [LoggerMessage(EventId = 304, Level = LogLevel.Debug, Message = "Redis {ConnectionType} connection {Change} ({FailureType})")]
        public static partial void ConnectionEvent(ILogger logger, string change, string connectionType, string failureType);

        [LoggerMessage(EventId = 306, Level = LogLevel.Debug, Message = "Redis answers, but the work due before using it again failed: {Reason}")]
        public static partial void RecoveryStepFailed(ILogger logger, string reason);

        [LoggerMessage(EventId = 305, Level = LogLevel.Warning,
            Message = "Redis refused a command ({Reason}); that request went without shared state (logged at most once a minute)")]
        public static partial void ServerError(ILogger logger, string reason);
    }
}
