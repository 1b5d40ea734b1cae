using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Discovery.Consul;

namespace OcelotGateway.Discovery.ConfigurationStore;

/// <summary>
/// Follows the configuration key in Consul KV with blocking queries (type <c>Consul</c>) or by polling every
/// <c>PollingInterval</c> ms (<c>PollConsul</c>, default 1000 ms as in Ocelot) and applies each new value through
/// <see cref="GatewayConfigurationManager"/>, with the same validation as the route files: a bad value is rejected with the
/// same messages and the last good configuration keeps serving. So every gateway instance on one key switches within a
/// moment of a write. A key that is gone (Consul restarted without its data, a failed seed at start-up, a deletion) is
/// written back with the running configuration, only while still absent, so the first instance to notice restores it and
/// the others follow; a failed write is retried with the watcher's back-off.
/// </summary>
internal sealed partial class ConsulConfigurationWatcher : BackgroundService
{
    private readonly ConsulConfigurationStore _store;
    private readonly GatewayConfigurationManager _manager;
    private readonly GatewayConfigurationState _state;
    private readonly RouteFileLoader _loader;
    private readonly TimeProvider _time;
    private readonly ILogger<ConsulConfigurationWatcher> _logger;

    public ConsulConfigurationWatcher(
        ConsulConfigurationStore store,
        GatewayConfigurationManager manager,
        GatewayConfigurationState state,
        RouteFileLoader loader,
        TimeProvider time,
        ILogger<ConsulConfigurationWatcher> logger)
    {
        _store = store;
        _manager = manager;
        _state = state;
        _loader = loader;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_store.IsEnabled || _store.Settings is not { } settings)
        {
            return;
        }

        var client = _store.CreateClient();
        var key = _store.Key;
        var last = _store.LastValue;
        var missingReported = false;
        var watch = new ConsulWatch(
            "configuration key " + key,
            async (query, cancellationToken) =>
            {
                var stored = await client.GetKeyAsync(key, query, cancellationToken);
                if (stored.Value is null)
                {
                    if (_state.Current?.Source is { } running)
                    {
                        if (!missingReported)
                        {
                            missingReported = true;
                            Log.KeyMissing(_logger, _store.SourceName);
                        }

                        var (written, json) = await _store.WriteIfAbsentAsync(running, cancellationToken);
                        (last, missingReported) = (json, false);
                        if (written)
                        {
                            Log.KeyRestored(_logger, _store.SourceName);
                        }
                    }
                }
                else if (!string.Equals(stored.Value, last, StringComparison.Ordinal))
                {
                    last = stored.Value;
                    Log.KeyChanged(_logger, _store.SourceName);
                    await _manager.ApplyAsync(_loader.LoadJson(stored.Value, _store.SourceName), cancellationToken);
                }

                return stored.Index;
            },
            settings.Schedule,
            new ConsulOutageLog(_logger, settings.Endpoint),
            _time,
            _logger);
        await watch.RunAsync(stoppingToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 826, Level = LogLevel.Information, Message = "{Source} changed; applying it")]
        public static partial void KeyChanged(ILogger logger, string source);

        [LoggerMessage(EventId = 827, Level = LogLevel.Warning, Message = "{Source} does not exist (deleted, or Consul lost its data); writing the running configuration back")]
        public static partial void KeyMissing(ILogger logger, string source);

        [LoggerMessage(EventId = 828, Level = LogLevel.Information, Message = "{Source} restored with the running configuration")]
        public static partial void KeyRestored(ILogger logger, string source);
    }
}
