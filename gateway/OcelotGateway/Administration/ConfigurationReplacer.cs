using System.Text.Json;
using Microsoft.Extensions.Logging;
using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Discovery.ConfigurationStore;
using OcelotGateway.Discovery.Consul;

using OcelotGateway.Configuration.Validation;

namespace OcelotGateway.Administration;

/// <summary>
/// <c>POST {path}/configuration</c>: validate first with the gateway's own validator (nothing is written when anything is
/// wrong, unlike Ocelot, which writes before it validates), then store the document where the configuration lives — the route
/// folder (<see cref="RouteFolderReplacement"/>) or Consul KV — and apply it through <see cref="GatewayConfigurationManager"/>,
/// so the new routes serve as soon as the call returns. One replacement at a time.
/// </summary>
internal sealed partial class ConfigurationReplacer : IDisposable
{
    public const string SourceName = "administration API";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly RouteFileLoader _loader;
    private readonly GatewayConfigurationManager _manager;
    private readonly ConsulConfigurationStore _consul;
    private readonly TimeProvider _time;
    private readonly ILogger<ConfigurationReplacer> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ConfigurationReplacer(
        RouteFileLoader loader,
        GatewayConfigurationManager manager,
        ConsulConfigurationStore consul,
        TimeProvider time,
        ILogger<ConfigurationReplacer> logger)
    {
        _loader = loader;
        _manager = manager;
        _consul = consul;
        _time = time;
        _logger = logger;
    }

    public async Task<ReplacementOutcome> ReplaceAsync(string json, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var posted = _loader.LoadJson(json, SourceName);
            var problems = await _manager.ValidateAsync(posted);
            if (problems.Any(p => p.IsError))
            {
                Log.Rejected(_logger, ConfigurationProblemsFormatter.Count(problems));
                return new ReplacementOutcome(ReplacementStatus.Invalid, problems);
            }

            // Stored as the bound document, re-indented: comments and trailing commas of the body are not kept.
            var document = posted.MergedJson.ToJsonString(Indented);
            IReadOnlyList<ConfigurationProblem> applied;
            if (_consul.IsEnabled)
            {
                try
                {
                    await _consul.WriteAsync(document, cancellationToken);
                }
                catch (Exception ex) when (ConsulClient.IsFailure(ex))
                {
                    Log.StoreFailed(_logger, _consul.SourceName, ex.Message);
                    return new ReplacementOutcome(ReplacementStatus.StoreUnavailable, []);
                }

                applied = await _manager.ApplyAsync(_loader.LoadJson(document, _consul.SourceName), cancellationToken);
            }
            else
            {
                try
                {
                    await RouteFolderReplacement.ReplaceAsync(_manager.ConfigFolder, _manager.EnvironmentName, document, _time, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Log.StoreFailed(_logger, _manager.ConfigFolder, ex.Message);
                    return new ReplacementOutcome(ReplacementStatus.StoreUnavailable, []);
                }

                applied = await _manager.ReloadAsync(cancellationToken);
            }

            var ok = !applied.Any(p => p.IsError);
            if (ok)
            {
                Log.Replaced(_logger, _consul.IsEnabled ? _consul.SourceName : _manager.ConfigFolder);
            }

            return new ReplacementOutcome(ok ? ReplacementStatus.Applied : ReplacementStatus.Invalid, applied);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Configuration posted to the administration API stored in {Store} and applied")]
        public static partial void Replaced(ILogger logger, string store);

        [LoggerMessage(EventId = 711, Level = LogLevel.Warning, Message = "Configuration posted to the administration API rejected ({Verdict}); nothing changed")]
        public static partial void Rejected(ILogger logger, string verdict);

        [LoggerMessage(EventId = 712, Level = LogLevel.Error, Message = "Configuration posted to the administration API could not be stored in {Store}: {Reason}")]
        public static partial void StoreFailed(ILogger logger, string store, string reason);
    }
}
