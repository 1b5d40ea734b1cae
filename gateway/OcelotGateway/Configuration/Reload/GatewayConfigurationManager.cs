using System.Threading.Channels;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OcelotGateway.Aggregation;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Validation;
using OcelotGateway.Discovery.ConfigurationStore;
using OcelotGateway.Hosting;
using OcelotGateway.Routing.Forwarding;

namespace OcelotGateway.Configuration.Reload;

/// <summary>
/// Owns the one-way flow load → merge → validate → compile → swap. At start-up an invalid configuration stops the host;
/// later (file save, administration API, Consul KV) an invalid one is reported and the last good configuration keeps serving.
/// </summary>
internal sealed partial class GatewayConfigurationManager : BackgroundService
{
    private readonly RouteFileLoader _loader;
    private readonly ConfigurationValidator _validator;
    private readonly ConfigurationCompiler _compiler;
    private readonly CompiledRouteRegistry _registry;
    private readonly GatewayProxyConfigProvider _proxyConfig;
    private readonly GatewayConfigurationState _state;
    private readonly IAuthenticationSchemeProvider _schemes;
    private readonly HashSet<string> _delegatingHandlers;
    private readonly ConsulConfigurationStore _consulStore;
    private readonly GatewayOptions _options;
    private readonly IHostEnvironment _environment;
    private readonly TimeProvider _time;
    private readonly ILogger<GatewayConfigurationManager> _logger;
    private readonly IReadOnlySet<string> _aggregators;
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly Channel<bool> _fileChanges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _generation;

    public GatewayConfigurationManager(
        RouteFileLoader loader,
        ConfigurationValidator validator,
        ConfigurationCompiler compiler,
        CompiledRouteRegistry registry,
        GatewayProxyConfigProvider proxyConfig,
        GatewayConfigurationState state,
        IAuthenticationSchemeProvider schemes,
        IEnumerable<DelegatingHandlerRegistration> delegatingHandlers,
        ConsulConfigurationStore consulStore,
        IOptions<GatewayOptions> options,
        IHostEnvironment environment,
        TimeProvider time,
        ILogger<GatewayConfigurationManager> logger,
        IEnumerable<AggregatorRegistration> aggregators)
    {
        _aggregators = aggregators.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        _loader = loader;
        _validator = validator;
        _compiler = compiler;
        _registry = registry;
        _proxyConfig = proxyConfig;
        _state = state;
        _schemes = schemes;
        _delegatingHandlers = delegatingHandlers.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        _consulStore = consulStore;
        _options = options.Value;
        _environment = environment;
        _time = time;
        _logger = logger;
        ConfigFolder = ConfigFolderResolver.Resolve(_options.ConfigFolder, environment.ContentRootPath);
    }

    /// <summary>The absolute folder the route files are read from.</summary>
    public string ConfigFolder { get; }

    public string EnvironmentName => _environment.EnvironmentName;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var loaded = await _loader.LoadFolderAsync(ConfigFolder, EnvironmentName, cancellationToken);

        // Configuration stored in Consul KV wins over the route folder, which then only says where Consul is.
        var stored = _consulStore.IsEnabled ? await _consulStore.ReadAtStartupAsync(loaded, cancellationToken) : null;
        var problems = await ApplyAsync(stored ?? loaded, cancellationToken);
        if (problems.Any(p => p.IsError))
        {
            throw new GatewayConfigurationException(
                problems,
                "Unable to start the gateway, the configuration in " + (stored is null ? ConfigFolder : _consulStore.SourceName) + " is invalid:"
                + Environment.NewLine + ConfigurationProblemsFormatter.Format(problems));
        }

        if (_consulStore.IsEnabled && stored is null)
        {
            await _consulStore.SeedAsync(loaded, cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Validates and, when valid, compiles and swaps in a configuration. Returns every problem found; when any is an error the
    /// running configuration is left untouched.
    /// </summary>
    public Task<IReadOnlyList<ConfigurationProblem>> ApplyAsync(LoadedConfiguration loaded, CancellationToken cancellationToken) =>
        ApplyAsync(() => loaded, cancellationToken);

    /// <summary>
    /// Compiles the running configuration again, e.g. when service discovery found a new service for dynamic routing. Reads the
    /// running configuration under the same lock as a reload, so it can never bring back one that a reload replaced.
    /// </summary>
    public Task RecompileAsync(CancellationToken cancellationToken) => ApplyAsync(() => _state.Current?.Source, cancellationToken);

    private async Task<IReadOnlyList<ConfigurationProblem>> ApplyAsync(Func<LoadedConfiguration?> source, CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            if (source() is not { } loaded)
            {
                return [];
            }

            var problems = await ValidateAsync(loaded);
            if (problems.Any(p => p.IsError))
            {
                // One event listing errors and warnings together, so each problem is printed once.
                Log.ConfigurationRejected(
                    _logger,
                    loaded.SourceDescription,
                    _state.Current is null ? "the gateway cannot start with it" : "the last good configuration keeps serving",
                    ConfigurationProblemsFormatter.Format(problems));
                _state.Reject(problems, _time.GetUtcNow());
                return problems;
            }

            foreach (var warning in problems)
            {
                Log.ConfigurationWarning(_logger, warning.ToString());
            }

            var compiled = _compiler.Compile(loaded, Interlocked.Increment(ref _generation));
            _registry.Publish(compiled);
            _proxyConfig.Update(compiled.ProxyRoutes, compiled.ProxyClusters);

            // After the proxy update: listeners (service discovery) may adjust what YARP was just given.
            _state.Accept(compiled);
            Log.ConfigurationApplied(_logger, loaded.SourceDescription, compiled.Generation, compiled.Routes.Count, compiled.ProxyClusters.Count);
            return problems;
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>
    /// Checks a configuration exactly as <see cref="ApplyAsync(LoadedConfiguration, CancellationToken)"/> would, against the
    /// schemes this host registers, without applying it (the administration API validates before it writes anything).
    /// </summary>
    public async Task<IReadOnlyList<ConfigurationProblem>> ValidateAsync(LoadedConfiguration loaded)
    {
        var context = new ValidationContext
        {
            AuthenticationSchemes = (await _schemes.GetAllSchemesAsync()).Select(s => s.Name).ToHashSet(StringComparer.Ordinal),
            DelegatingHandlers = _delegatingHandlers,
            Aggregators = _aggregators,

            // AddOcelotGateway always registers Consul discovery (Consul and PollConsul); other provider types are
            // reported by ServiceDiscoveryRules.
            ServiceDiscoveryAvailable = true,
        };
        return _validator.Validate(loaded, context);
    }

    /// <summary>Reads the route folder again and applies it.</summary>
    public async Task<IReadOnlyList<ConfigurationProblem>> ReloadAsync(CancellationToken cancellationToken)
    {
        var loaded = await _loader.LoadFolderAsync(ConfigFolder, EnvironmentName, cancellationToken);
        return await ApplyAsync(loaded, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // With the configuration in Consul KV the key is the source of truth; the folder is only read at start-up.
        if (!_options.ReloadOnChange || _consulStore.IsEnabled)
        {
            return;
        }

        using var files = new PhysicalFileProvider(ConfigFolder);
        using var watch = ChangeToken.OnChange(() => files.Watch("*.json"), () => _fileChanges.Writer.TryWrite(true));
        try
        {
            while (await _fileChanges.Reader.WaitToReadAsync(stoppingToken))
            {
                // Editors save in several writes; wait for the burst to end, then reload once.
                await Task.Delay(_options.ReloadDebounce, _time, stoppingToken);
                _fileChanges.Reader.TryRead(out _);
                try
                {
                    await ReloadAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Log.ReloadReadFailed(_logger, ConfigFolder, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _applying.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information,
            Message = "Configuration from {Source} applied: generation {Generation}, {RouteCount} routes, {ClusterCount} downstream clusters")]
        public static partial void ConfigurationApplied(ILogger logger, string source, long generation, int routeCount, int clusterCount);

        [LoggerMessage(EventId = 101, Level = LogLevel.Error,
            Message = "Configuration from {Source} rejected, {Consequence}:\n{Problems}")]
        public static partial void ConfigurationRejected(ILogger logger, string source, string consequence, string problems);

        // The problem reads "warning: file: route: key: message", so "Configuration {Problem}" makes one sentence of it.
        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Configuration {Problem}")]
        public static partial void ConfigurationWarning(ILogger logger, string problem);

        [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Route files in {Folder} could not be read for reload: {Reason}")]
        public static partial void ReloadReadFailed(ILogger logger, string folder, string reason);
    }
}
