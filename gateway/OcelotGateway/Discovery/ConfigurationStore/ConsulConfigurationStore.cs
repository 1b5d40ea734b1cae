using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Discovery.Consul;
using OcelotGateway.Hosting;

namespace OcelotGateway.Discovery.ConfigurationStore;

/// <summary>
/// The configuration stored in Consul KV (<c>Gateway:ConfigurationSource</c> <c>Consul</c>), as Ocelot's
/// <c>AddConfigStoredInConsul</c>: the route folder's <c>GlobalConfiguration.ServiceDiscoveryProvider</c> says which Consul and
/// which key (<c>ConfigurationKey</c>, default <c>InternalConfiguration</c>). At start-up the key wins over the folder; when it
/// does not exist yet it is written with the folder's configuration once that has proved valid. Unlike Ocelot, an unreachable
/// Consul is retried for <see cref="DiscoveryOptions.ConfigurationReadTimeout"/> before start-up fails.
/// </summary>
internal sealed partial class ConsulConfigurationStore
{
    public const string DefaultKey = "InternalConfiguration";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly GatewayOptions _gateway;
    private readonly DiscoveryOptions _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly RouteFileLoader _loader;
    private readonly TimeProvider _time;
    private readonly ILogger<ConsulConfigurationStore> _logger;

    public ConsulConfigurationStore(
        IOptions<GatewayOptions> gateway,
        IOptions<DiscoveryOptions> options,
        IHttpClientFactory httpClients,
        RouteFileLoader loader,
        TimeProvider time,
        ILogger<ConsulConfigurationStore> logger)
    {
        _gateway = gateway.Value;
        _options = options.Value;
        _httpClients = httpClients;
        _loader = loader;
        _time = time;
        _logger = logger;
    }

    public bool IsEnabled => _gateway.ConfigurationSource == GatewayConfigurationSource.Consul;

    /// <summary>The key holding the configuration; known once <see cref="ReadAtStartupAsync"/> ran.</summary>
    public string Key { get; private set; } = DefaultKey;

    /// <summary>Which Consul and how to watch it; null until <see cref="ReadAtStartupAsync"/> ran.</summary>
    public ConsulSettings? Settings { get; private set; }

    /// <summary>The key's text as last read or written by this instance, so a watcher does not apply it a second time.</summary>
    public string? LastValue { get; private set; }

    /// <summary>Names the key in logs and configuration problems.</summary>
    public string SourceName => "Consul KV key " + Key + " at " + Settings?.Endpoint;

    /// <summary>
    /// Reads the key with the route folder's provider settings. Returns the stored configuration, or null when the key does not
    /// exist (then <see cref="SeedAsync"/> writes it). Throws <see cref="GatewayConfigurationException"/> when Consul cannot be
    /// read in time.
    /// </summary>
    public async Task<LoadedConfiguration?> ReadAtStartupAsync(LoadedConfiguration local, CancellationToken cancellationToken)
    {
        var provider = local.Configuration.GlobalConfiguration.ServiceDiscoveryProvider;
        Settings = ConsulSettings.From(provider, _options)
            ?? throw new GatewayConfigurationException(
                "Gateway:ConfigurationSource is Consul, but GlobalConfiguration.ServiceDiscoveryProvider.Type in " + local.SourceDescription
                + " is '" + provider?.Type + "'; the configuration can only be stored in Consul (Type Consul or PollConsul).");
        Key = string.IsNullOrWhiteSpace(provider?.ConfigurationKey) ? DefaultKey : provider.ConfigurationKey.Trim();
        var client = CreateClient();
        var giveUpAt = _time.GetUtcNow() + _options.ConfigurationReadTimeout;
        var delay = _options.RetryDelay;
        while (true)
        {
            try
            {
                var stored = await client.GetKeyAsync(Key, BlockingQuery.Immediate, cancellationToken);
                if (stored.Value is null)
                {
                    Log.KeyAbsent(_logger, SourceName, local.SourceDescription);
                    return null;
                }

                LastValue = stored.Value;
                Log.ReadFromConsul(_logger, SourceName);
                return _loader.LoadJson(stored.Value, SourceName);
            }
            catch (Exception ex) when (ConsulClient.IsFailure(ex))
            {
                if (_time.GetUtcNow() + delay > giveUpAt)
                {
                    throw new GatewayConfigurationException("Unable to start the gateway: " + SourceName + " could not be read: " + ex.Message, ex);
                }

                Log.StartupReadFailed(_logger, SourceName, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, _time, cancellationToken);
                delay = delay * 2 < _options.MaxRetryDelay ? delay * 2 : _options.MaxRetryDelay;
            }
        }
    }

    /// <summary>
    /// Writes the route folder's (valid) configuration to the absent key, as indented JSON like Ocelot. The write only succeeds
    /// while the key is still absent, so instances starting together cannot overwrite each other; the loser follows the key
    /// through its watcher. A failure is logged: the watcher writes the key once Consul answers.
    /// </summary>
    public async Task SeedAsync(LoadedConfiguration local, CancellationToken cancellationToken)
    {
        try
        {
            if ((await WriteIfAbsentAsync(local, cancellationToken)).Written)
            {
                Log.Seeded(_logger, SourceName, local.SourceDescription);
            }
            else
            {
                Log.SeededByAnother(_logger, SourceName);
            }
        }
        catch (Exception ex) when (ConsulClient.IsFailure(ex))
        {
            Log.SeedFailed(_logger, SourceName, ex.Message);
        }
    }

    /// <summary>
    /// Writes <paramref name="configuration"/> to the key only while it does not exist (<c>cas=0</c>), as indented JSON. Returns
    /// whether this call wrote it and the JSON it offered. Throws when Consul cannot be written (see <see cref="ConsulClient.IsFailure"/>).
    /// </summary>
    public async Task<(bool Written, string Json)> WriteIfAbsentAsync(LoadedConfiguration configuration, CancellationToken cancellationToken)
    {
        var json = configuration.MergedJson.ToJsonString(Indented);
        var written = await CreateClient().PutKeyAsync(Key, json, onlyIfAbsent: true, cancellationToken);
        if (written)
        {
            LastValue = json;
        }

        return (written, json);
    }

    /// <summary>
    /// Replaces the key's value (the administration API), remembering it so that this instance's watcher does not treat its
    /// own write as news. Throws when Consul cannot be written (see <see cref="ConsulClient.IsFailure"/>).
    /// </summary>
    public async Task WriteAsync(string json, CancellationToken cancellationToken)
    {
        await CreateClient().PutKeyAsync(Key, json, onlyIfAbsent: false, cancellationToken);
        LastValue = json;
    }

    public ConsulClient CreateClient() =>
        new(_httpClients, (Settings ?? throw new InvalidOperationException("Read the key first.")).Endpoint);

    private static partial class Log
    {
        [LoggerMessage(EventId = 820, Level = LogLevel.Information, Message = "Configuration read from {Source}")]
        public static partial void ReadFromConsul(ILogger logger, string source);

        [LoggerMessage(EventId = 821, Level = LogLevel.Information, Message = "{Source} does not exist; it will be written with the configuration from {Folder}")]
        public static partial void KeyAbsent(ILogger logger, string source, string folder);

        [LoggerMessage(EventId = 822, Level = LogLevel.Information, Message = "{Source} written with the configuration from {Folder}")]
        public static partial void Seeded(ILogger logger, string source, string folder);

        [LoggerMessage(EventId = 823, Level = LogLevel.Information, Message = "{Source} was written by another gateway instance meanwhile; following it")]
        public static partial void SeededByAnother(ILogger logger, string source);

        [LoggerMessage(EventId = 824, Level = LogLevel.Warning, Message = "{Source} could not be written ({Reason}); serving the route folder's configuration and writing the key once Consul answers")]
        public static partial void SeedFailed(ILogger logger, string source, string reason);

        [LoggerMessage(EventId = 825, Level = LogLevel.Warning, Message = "{Source} could not be read at start-up ({Reason}); retrying in {RetrySeconds} s")]
        public static partial void StartupReadFailed(ILogger logger, string source, string reason, double retrySeconds);
    }
}
