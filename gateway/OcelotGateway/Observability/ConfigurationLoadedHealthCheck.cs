using Microsoft.Extensions.Diagnostics.HealthChecks;
using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Observability;

/// <summary>Ready only once a valid configuration serves traffic; a rejected reload leaves the gateway ready on the last good one.</summary>
internal sealed class ConfigurationLoadedHealthCheck : IHealthCheck
{
    private readonly GatewayConfigurationState _state;

    public ConfigurationLoadedHealthCheck(GatewayConfigurationState state)
    {
        _state = state;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = _state.Current;
        return Task.FromResult(current is null
            ? HealthCheckResult.Unhealthy("No valid configuration has been loaded yet.")
            : HealthCheckResult.Healthy($"Configuration generation {current.Generation} with {current.Routes.Count} routes."));
    }
}
