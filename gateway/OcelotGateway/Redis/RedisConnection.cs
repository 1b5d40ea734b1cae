using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OcelotGateway.Redis;

/// <summary>
/// One multiplexed connection shared by every Redis user in the gateway. Connecting never blocks start-up or a request:
/// StackExchange.Redis keeps reconnecting in the background, and callers treat "not connected" as "Redis unavailable".
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly RedisOptions _options;
    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _options = options.Value;
        _logger = logger;
        _connection = new Lazy<Task<IConnectionMultiplexer>>(ConnectAsync);
    }

    public RedisOptions Options => _options;

    public bool IsConfigured => _options.IsConfigured;

    /// <summary>The database, or null when Redis is not configured or not connected right now.</summary>
    public async ValueTask<IDatabase?> GetDatabaseAsync()
    {
        if (!_options.IsConfigured)
        {
            return null;
        }

        var connection = await _connection.Value;
        return connection.IsConnected ? connection.GetDatabase() : null;
    }

    public async ValueTask<ISubscriber?> GetSubscriberAsync()
    {
        if (!_options.IsConfigured)
        {
            return null;
        }

        return (await _connection.Value).GetSubscriber();
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        var configuration = ConfigurationOptions.Parse(_options.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = (int)Math.Max(_options.OperationTimeout.TotalMilliseconds * 4, 1000);
        configuration.AsyncTimeout = (int)Math.Max(_options.OperationTimeout.TotalMilliseconds, 10);
        configuration.ClientName = "ocelot-gateway";
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        connection.ConnectionFailed += (_, e) => Log.ConnectionFailed(_logger, e.EndPoint?.ToString(), e.FailureType.ToString());
        connection.ConnectionRestored += (_, e) => Log.ConnectionRestored(_logger, e.EndPoint?.ToString());
        return connection;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Redis connection to {Endpoint} lost ({FailureType}); using in-process state until it returns")]
        public static partial void ConnectionFailed(ILogger logger, string? endpoint, string failureType);

        [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Redis connection to {Endpoint} restored")]
        public static partial void ConnectionRestored(ILogger logger, string? endpoint);
    }
}
