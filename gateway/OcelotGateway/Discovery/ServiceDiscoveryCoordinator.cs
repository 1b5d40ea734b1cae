using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Discovery.Consul;
using OcelotGateway.Routing.Forwarding;

namespace OcelotGateway.Discovery;

/// <summary>
/// Keeps the destinations of every service cluster equal to the service's passing instances in Consul. Each applied
/// configuration says which services are used and which Consul to ask; one <see cref="ConsulWatch"/> per service follows it
/// and every change replaces only that service's cluster destinations (<see cref="GatewayProxyConfigProvider.ReplaceDestinations"/>),
/// so unrelated routes are not rebuilt. With dynamic routing the service catalog is watched too, and a new or removed service
/// recompiles the configuration so that it gets (or loses) its route.
/// </summary>
internal sealed partial class ServiceDiscoveryCoordinator : IHostedService, IDisposable
{
    private readonly GatewayConfigurationState _state;
    private readonly GatewayConfigurationManager _manager;
    private readonly GatewayProxyConfigProvider _proxy;
    private readonly ServiceInstanceCache _cache;
    private readonly IHttpClientFactory _httpClients;
    private readonly DiscoveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ServiceDiscoveryCoordinator> _logger;
    private readonly Lock _sync = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, RunningWatch> _services = new(StringComparer.Ordinal);
    private RunningWatch? _catalog;
    private ConsulSettings? _settings;
    private ConsulClient? _client;
    private ConsulOutageLog? _outage;
    private int _disposed;

    public ServiceDiscoveryCoordinator(
        GatewayConfigurationState state,
        GatewayConfigurationManager manager,
        GatewayProxyConfigProvider proxy,
        ServiceInstanceCache cache,
        IHttpClientFactory httpClients,
        IOptions<DiscoveryOptions> options,
        TimeProvider time,
        ILogger<ServiceDiscoveryCoordinator> logger)
    {
        _state = state;
        _manager = manager;
        _proxy = proxy;
        _cache = cache;
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
        _logger = logger;

        // Subscribed before any hosted service starts, so the configuration applied at start-up is seen too.
        _state.Applied += OnApplied;
    }

    /// <summary>Holds the start-up until every watched service was looked up once, so the first requests find instances.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.InitialLookupTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // A first catalog answer can recompile and so start more watchers: wait until none is pending.
            while (PendingFirstAttempts() is { Length: > 0 } pending)
            {
                await Task.WhenAll(pending).WaitAsync(linked.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.InitialLookupIncomplete(_logger, _options.InitialLookupTimeout.TotalSeconds);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _state.Applied -= OnApplied;
        Task[] running;
        lock (_sync)
        {
            _stopping.Cancel();
            running = [.. AllWatches().Select(w => w.Running)];
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host gave up waiting; the loops end on their own.
        }
    }

    /// <summary>Idempotent: the container disposes this instance once as itself and once as a hosted service.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _state.Applied -= OnApplied;
        lock (_sync)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    private void OnApplied(CompiledConfiguration configuration)
    {
        var file = configuration.Source.Configuration;
        var services = configuration.ProxyClusters
            .Select(c => c.Metadata?.GetValueOrDefault(ClusterPlanner.ServiceNameMetadataKey))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var dynamicRouting = DynamicRoutePlanner.Applies(file);
        var settings = services.Count > 0 || dynamicRouting
            ? ConsulSettings.From(file.GlobalConfiguration.ServiceDiscoveryProvider, _options)
            : null;

        lock (_sync)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            if (settings != _settings)
            {
                StopAll();
                _settings = settings;
                _client = settings is null ? null : new ConsulClient(_httpClients, settings.Endpoint);
                _outage = settings is null ? null : new ConsulOutageLog(_logger, settings.Endpoint);
                if (settings is not null)
                {
                    Log.Watching(_logger, settings.Endpoint.ToString(), settings.Schedule.Blocking ? "blocking queries" : "polling");
                }
            }

            if (settings is null)
            {
                return;
            }

            foreach (var (service, watch) in _services.ToArray())
            {
                if (!services.Contains(service))
                {
                    watch.Stop();
                    _services.Remove(service);
                    _cache.Forget(service);
                }
            }

            foreach (var service in services)
            {
                if (!_services.ContainsKey(service))
                {
                    _services[service] = StartServiceWatch(service);
                }
            }

            if (dynamicRouting && _catalog is null)
            {
                _catalog = StartWatch("service catalog", WatchCatalogAsync);
            }
            else if (!dynamicRouting && _catalog is not null)
            {
                _catalog.Stop();
                _catalog = null;
            }

            // The configuration was compiled from the cache; an answer that arrived since then is pushed now.
            foreach (var service in services)
            {
                PushLocked(service);
            }
        }
    }

    private RunningWatch StartServiceWatch(string service)
    {
        var reportedSkips = new HashSet<string>(StringComparer.Ordinal);
        return StartWatch("service " + service, async (client, query, cancellationToken) =>
        {
            var result = await client.GetPassingInstancesAsync(service, query, cancellationToken);
            var skipped = new List<(string Id, string Reason)>();
            var instances = ServiceInstanceSelector.Select(result.Value, skipped);
            foreach (var (id, reason) in skipped)
            {
                if (reportedSkips.Add(id))
                {
                    Log.InstanceSkipped(_logger, id, service, reason);
                }
            }

            reportedSkips.IntersectWith(skipped.Select(s => s.Id));
            lock (_sync)
            {
                // A stopped watcher's late answer may come from a Consul that is no longer configured.
                if (!cancellationToken.IsCancellationRequested && _cache.Set(service, instances))
                {
                    Log.InstancesChanged(_logger, service, instances.Count, string.Join(", ", instances.Select(i => i.Id + "=" + i.Host + ":" + i.Port)));
                    PushLocked(service);
                }
            }

            return result.Index;
        });
    }

    private async Task<long> WatchCatalogAsync(ConsulClient client, BlockingQuery query, CancellationToken cancellationToken)
    {
        var result = await client.GetServiceNamesAsync(query, cancellationToken);
        bool changed;
        lock (_sync)
        {
            changed = !cancellationToken.IsCancellationRequested && _cache.SetKnownServices(result.Value);
        }

        if (changed)
        {
            Log.CatalogChanged(_logger, result.Value.Count);
            await _manager.RecompileAsync(_stopping.Token);
        }

        return result.Index;
    }

    private RunningWatch StartWatch(string name, Func<ConsulClient, BlockingQuery, CancellationToken, Task<long>> query)
    {
        var client = _client!;
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var watch = new ConsulWatch(name, (q, token) => query(client, q, token), _settings!.Schedule, _outage!, _time, _logger);
        return new RunningWatch(watch, Task.Run(() => watch.RunAsync(cancellation.Token), CancellationToken.None), cancellation);
    }

    /// <summary>Sets every cluster of the service to its last known instances. Caller holds <see cref="_sync"/>.</summary>
    private void PushLocked(string service)
    {
        if (_cache.Find(service) is not { } instances)
        {
            return;
        }

        foreach (var cluster in _proxy.GetConfig().Clusters)
        {
            if (cluster.Metadata is { } metadata
                && metadata.TryGetValue(ClusterPlanner.ServiceNameMetadataKey, out var name)
                && string.Equals(name, service, StringComparison.Ordinal))
            {
                var scheme = metadata.GetValueOrDefault(ClusterPlanner.ServiceSchemeMetadataKey) ?? Uri.UriSchemeHttp;
                _proxy.ReplaceDestinations(cluster.ClusterId, ServiceDestinations.Build(scheme, instances));
            }
        }
    }

    private void StopAll()
    {
        foreach (var watch in AllWatches())
        {
            watch.Stop();
        }

        _services.Clear();
        _catalog = null;
    }

    private IEnumerable<RunningWatch> AllWatches() => _catalog is null ? _services.Values : _services.Values.Append(_catalog);

    private Task[] PendingFirstAttempts()
    {
        lock (_sync)
        {
            return [.. AllWatches().Select(w => w.Watch.FirstAttempt).Where(t => !t.IsCompleted)];
        }
    }

    private sealed record RunningWatch(ConsulWatch Watch, Task Running, CancellationTokenSource Cancellation)
    {
        public void Stop()
        {
            Cancellation.Cancel();
            _ = DisposeWhenDoneAsync();
        }

        private async Task DisposeWhenDoneAsync()
        {
            await Running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Cancellation.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 803, Level = LogLevel.Information, Message = "Service discovery follows Consul at {Consul} with {Mode}")]
        public static partial void Watching(ILogger logger, string consul, string mode);

        [LoggerMessage(EventId = 804, Level = LogLevel.Information, Message = "Service {Service} now has {Count} passing instances: {Instances}")]
        public static partial void InstancesChanged(ILogger logger, string service, int count, string instances);

        [LoggerMessage(EventId = 805, Level = LogLevel.Warning, Message = "Consul instance {InstanceId} of service {Service} is skipped: {Reason}")]
        public static partial void InstanceSkipped(ILogger logger, string instanceId, string service, string reason);

        [LoggerMessage(EventId = 806, Level = LogLevel.Information, Message = "Consul's catalog now lists {Count} services; dynamic routes are recompiled")]
        public static partial void CatalogChanged(ILogger logger, int count);

        [LoggerMessage(EventId = 807, Level = LogLevel.Warning,
            Message = "Not every discovered service answered within {Seconds} s of start-up; the gateway starts and fills them in as Consul answers")]
        public static partial void InitialLookupIncomplete(ILogger logger, double seconds);
    }
}
