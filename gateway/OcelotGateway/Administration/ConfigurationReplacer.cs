using System.Text.Json;
using Microsoft.Extensions.Logging;
using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Configuration.Validation;
using OcelotGateway.Discovery.ConfigurationStore;
using OcelotGateway.Discovery.Consul;

namespace OcelotGateway.Administration;

/// <summary>
/// <c>POST {path}/configuration</c>: check first, exactly as start-up would — the gateway's validation and a dry-run compile of
/// the very text that will be stored (nothing is written when anything is wrong, unlike Ocelot, which writes before it
/// validates) — then store the document where the configuration lives — the route folder (<see cref="RouteFolderReplacement"/>)
/// or Consul KV — and apply it through <see cref="GatewayConfigurationManager"/>, so the new routes serve as soon as the call
/// returns. Should applying still fail, the store is put back as it was and the running configuration stays. One replacement
/// at a time.
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
            if (posted.Problems.Any(p => p.IsError))
            {
                return Rejected(posted.Problems);
            }

            // Stored as the bound document, re-indented: comments and trailing commas of the body are not kept. What is checked
            // is that very text, read back as the gateway will read it after a restart.
            var document = posted.MergedJson.ToJsonString(Indented);
            var problems = await _manager.CheckAsync(_loader.LoadJson(document, SourceName));
            if (problems.Any(p => p.IsError))
            {
                return Rejected(problems);
            }

            var applied = _consul.IsEnabled ? await ReplaceInConsulAsync(document, cancellationToken) : await ReplaceInFolderAsync(document, cancellationToken);
            if (applied is null)
            {
                return new ReplacementOutcome(ReplacementStatus.StoreUnavailable, []);
            }

            if (applied.Any(p => p.IsError))
            {
                return Rejected(applied);
            }

            Log.Replaced(_logger, _consul.IsEnabled ? _consul.SourceName : _manager.ConfigFolder);
            return new ReplacementOutcome(ReplacementStatus.Applied, applied);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes the route folder and applies it; when it does not apply, the folder is put back as it was. Null when the folder cannot be written.</summary>
    private async Task<IReadOnlyList<ConfigurationProblem>?> ReplaceInFolderAsync(string document, CancellationToken cancellationToken)
    {
        RouteFolderReplacement replacement;
        try
        {
            replacement = await RouteFolderReplacement.ReplaceAsync(_manager.ConfigFolder, _manager.EnvironmentName, document, _time, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.StoreFailed(_logger, _manager.ConfigFolder, ex.Message);
            return null;
        }

        // Read back from the folder, as the next start will read it.
        var applied = await _manager.ReloadAsync(CancellationToken.None);
        if (applied.Any(p => p.IsError))
        {
            try
            {
                await replacement.UndoAsync(CancellationToken.None);
                Log.RolledBack(_logger, _manager.ConfigFolder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.RollBackFailed(_logger, _manager.ConfigFolder, ex.Message);
            }
        }

        return applied;
    }

    /// <summary>Writes the Consul key and applies it; when it does not apply, the key gets its previous value back. Null when Consul cannot be written.</summary>
    private async Task<IReadOnlyList<ConfigurationProblem>?> ReplaceInConsulAsync(string document, CancellationToken cancellationToken)
    {
        var previous = _consul.LastValue;
        try
        {
            await _consul.WriteAsync(document, cancellationToken);
        }
        catch (Exception ex) when (ConsulClient.IsFailure(ex))
        {
            Log.StoreFailed(_logger, _consul.SourceName, ex.Message);
            return null;
        }

        var applied = await _manager.ApplyAsync(_loader.LoadJson(document, _consul.SourceName), CancellationToken.None);
        if (applied.Any(p => p.IsError) && previous is not null)
        {
            try
            {
                await _consul.WriteAsync(previous, CancellationToken.None);
                Log.RolledBack(_logger, _consul.SourceName);
            }
            catch (Exception ex) when (ConsulClient.IsFailure(ex))
            {
                Log.RollBackFailed(_logger, _consul.SourceName, ex.Message);
            }
        }

        return applied;
    }

    private ReplacementOutcome Rejected(IReadOnlyList<ConfigurationProblem> problems)
    {
        Log.Rejected(_logger, ConfigurationProblemsFormatter.Count(problems));
        return new ReplacementOutcome(ReplacementStatus.Invalid, problems);
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

        [LoggerMessage(EventId = 713, Level = LogLevel.Warning, Message = "Configuration posted to the administration API did not apply; {Store} was put back as it was")]
        public static partial void RolledBack(ILogger logger, string store);

        [LoggerMessage(EventId = 714, Level = LogLevel.Critical,
            Message = "Configuration posted to the administration API did not apply, and {Store} could not be put back ({Reason}); the running configuration is unchanged, check the store before the next restart")]
        public static partial void RollBackFailed(ILogger logger, string store, string reason);
    }
}
