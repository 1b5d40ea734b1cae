using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
/// Whatever a reload meets (an unreadable folder, a value validation let through, an exception in a swap listener), it is
/// reported the same way and never ends the hosted service, which would stop the host.
/// </summary>
internal sealed partial class GatewayConfigurationManager : BackgroundService
{
    private readonly RouteFileLoader _loader;
    private readonly ConfigurationValidator _validator;
    private readonly ConfigurationCompiler _compiler;
    private readonly CompilationDryRun _dryRun;
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
    private RouteFolderWatch? _watch;
    private long _generation;

    public GatewayConfigurationManager(
        RouteFileLoader loader,
        ConfigurationValidator validator,
        ConfigurationCompiler compiler,
        CompilationDryRun dryRun,
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
        _dryRun = dryRun;
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
        // With the configuration in Consul KV the key is the source of truth; the folder is only read at start-up. The watch
        // starts before the folder is read, so no save is missed between the two.
        if (_options.ReloadOnChange && !_consulStore.IsEnabled)
        {
            _watch = new RouteFolderWatch(ConfigFolder, _options.ReloadDebounce, _time, _logger);
            _watch.Start();
        }

        var loaded = await ReadFolderAsync(cancellationToken);

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
    /// Checks and, when valid, compiles and swaps in a configuration. Returns every problem found; when any is an error the
    /// running configuration is left untouched. Never throws for the configuration's sake (only when cancelled).
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

            var problems = await CheckAsync(loaded);
            if (!problems.Any(p => p.IsError))
            {
                foreach (var warning in problems)
                {
                    Log.ConfigurationWarning(_logger, warning.ToString());
                }

                if (SwapIn(loaded) is { } failure)
                {
                    problems = [.. problems, failure];
                }
            }

            if (problems.Any(p => p.IsError))
            {
                // Before the first configuration there is no last good one: start-up fails with these problems instead. One
                // event lists errors and warnings together, so each problem is printed once.
                if (_state.Current is not null)
                {
                    Log.ConfigurationRejected(_logger, loaded.SourceDescription, ConfigurationProblemsFormatter.Format(problems));
                }

                _state.Reject(problems, _time.GetUtcNow());
            }

            return problems;
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <summary>
    /// Compiles and swaps in a checked configuration. Should any step still fail, the previous configuration is put back in
    /// every place the new one reached and the failure is returned as a problem.
    /// </summary>
    private ConfigurationProblem? SwapIn(LoadedConfiguration loaded)
    {
        var previous = _state.Current;
        try
        {
            var compiled = _compiler.Compile(loaded, Interlocked.Increment(ref _generation));
            _registry.Publish(compiled);
            _proxyConfig.Update(compiled.ProxyRoutes, compiled.ProxyClusters);

            // After the proxy update: listeners (service discovery) may adjust what YARP was just given.
            _state.Accept(compiled);
            Log.ConfigurationApplied(_logger, loaded.SourceDescription, compiled.Generation, compiled.Routes.Count, compiled.ProxyClusters.Count);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (previous is not null)
            {
                RollBack(previous);
            }

            return CompilationDryRun.Failure(loaded, ex);
        }
    }

    private void RollBack(CompiledConfiguration previous)
    {
        try
        {
            _registry.Publish(previous);
            _proxyConfig.Update(previous.ProxyRoutes, previous.ProxyClusters);
            _state.Accept(previous);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.RollBackFailed(_logger, previous.Generation, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>
    /// Everything <see cref="ApplyAsync(LoadedConfiguration, CancellationToken)"/> would find, without applying anything: the
    /// validation rules, against the schemes, handlers and aggregators this host registers, then a dry-run compile. Start-up,
    /// reloads, the administration API and the <c>validate</c> command all decide with it. Never throws.
    /// </summary>
    public async Task<IReadOnlyList<ConfigurationProblem>> CheckAsync(LoadedConfiguration loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        IReadOnlyList<ConfigurationProblem> problems;
        try
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
            problems = _validator.Validate(loaded, context);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [.. loaded.Problems, CompilationDryRun.Failure(loaded, ex)];
        }

        return problems.Any(p => p.IsError) ? problems : [.. problems, .. await _dryRun.RunAsync(loaded)];
    }

    /// <summary>Reads the route folder again and applies it; a folder that cannot be read is rejected like an invalid one.</summary>
    public async Task<IReadOnlyList<ConfigurationProblem>> ReloadAsync(CancellationToken cancellationToken) =>
        await ApplyAsync(await ReadFolderAsync(cancellationToken), cancellationToken);

    /// <summary>The route folder, loaded; when the folder itself cannot be read, a configuration whose only content is that problem.</summary>
    private async Task<LoadedConfiguration> ReadFolderAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _loader.LoadFolderAsync(ConfigFolder, EnvironmentName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            Log.ReloadReadFailed(_logger, ConfigFolder, ex.Message);
            return _loader.LoadJson("{}", ConfigFolder) with
            {
                Problems = [new ConfigurationProblem(ProblemSeverity.Error, ConfigFolder, null, ProblemLocations.WholeFolder, "cannot be read: " + ex.Message)],
            };
        }
    }

    // The watch never ends with an exception: a hosted service that fails would stop the host.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _watch is null ? Task.CompletedTask : _watch.RunAsync(ReloadAsync, stoppingToken);

    public override void Dispose()
    {
        _watch?.Dispose();
        _applying.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information,
            Message = "Configuration from {Source} applied: generation {Generation}, {RouteCount} routes, {ClusterCount} downstream clusters")]
        public static partial void ConfigurationApplied(ILogger logger, string source, long generation, int routeCount, int clusterCount);

        [LoggerMessage(EventId = 101, Level = LogLevel.Error,
            Message = "Configuration from {Source} rejected, the last good configuration keeps serving:\n{Problems}")]
        public static partial void ConfigurationRejected(ILogger logger, string source, string problems);

        // The problem reads "warning: file: route: key: message", so "Configuration {Problem}" makes one sentence of it.
        [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "Configuration {Problem}")]
        public static partial void ConfigurationWarning(ILogger logger, string problem);

        [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Route files in {Folder} could not be read: {Reason}")]
        public static partial void ReloadReadFailed(ILogger logger, string folder, string reason);

        [LoggerMessage(EventId = 106, Level = LogLevel.Critical,
            Message = "Putting back configuration generation {Generation} after a failed swap failed too ({ExceptionType}: {Reason})")]
        public static partial void RollBackFailed(ILogger logger, long generation, string exceptionType, string reason);
    }
}
