using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samples.ServiceDefaults.Health;

namespace Samples.ServiceDefaults.Consul;

/// <summary>
/// Registers the instance in Consul once the server listens (the real bound port is known then), keeps it registered and
/// deregisters it when the host stops. The registration ID is stable per address (<see cref="ServiceEndpoint.RegistrationId"/>),
/// and registrations of the same service at the same address under another ID (left by an older version or a crash) are
/// removed once registered, so a restart replaces rather than adds. Every <see cref="ConsulRegistrationOptions.VerifyInterval"/>
/// the agent is asked whether it still holds the registration, and it is registered again when the agent lost it. Consul
/// being away never stops the service: failures are logged and retried with back-off until it answers.
/// </summary>
internal sealed partial class ConsulRegistrationService(
    ConsulAgentClient agent,
    IOptions<ConsulRegistrationOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    HealthCheckService health,
    TimeProvider time,
    ILogger<ConsulRegistrationService> logger) : BackgroundService
{
    // Set before the first register call is sent: a registration Consul accepted while we were stopping is still removed.
    private string? _sentId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            Log.Disabled(logger);
            return;
        }

        try
        {
            await WaitForStartAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (ServiceEndpoint.Resolve(addresses, settings) is not { } endpoint)
        {
            Log.NoAddress(logger);
            return;
        }

        Volatile.Write(ref _sentId, endpoint.RegistrationId(settings.ServiceName!));
        try
        {
            await KeepRegisteredAsync(endpoint, settings, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync deregisters.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (Interlocked.Exchange(ref _sentId, null) is not { } id)
        {
            return;
        }

        try
        {
            var removed = await agent.DeregisterAsync(id, cancellationToken);
            Log.Deregistered(logger, id, removed);
        }
        catch (Exception ex)
        {
            // Consul's DeregisterCriticalServiceAfter removes the instance once its check has failed long enough.
            Log.DeregistrationFailed(logger, id, ex.Message);
        }
    }

    private async Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>
    /// Registers, then verifies every <see cref="ConsulRegistrationOptions.VerifyInterval"/>. After a failure the next attempt backs
    /// off (RetryDelay doubling up to MaxRetryDelay), but never beyond VerifyInterval once registered.
    /// </summary>
    private async Task KeepRegisteredAsync(ServiceEndpoint endpoint, ConsulRegistrationOptions settings, CancellationToken stoppingToken)
    {
        var id = endpoint.RegistrationId(settings.ServiceName!);
        var registered = false;
        var failures = 0;
        var delay = settings.RetryDelay;
        while (true)
        {
            TimeSpan next;
            try
            {
                if (!registered || !await agent.IsRegisteredAsync(id, stoppingToken))
                {
                    if (registered)
                    {
                        Log.RegistrationLost(logger, id, settings.Address!);
                    }

                    await agent.RegisterAsync(await CreateAsync(id, settings, endpoint, stoppingToken), stoppingToken);
                    Log.Registered(logger, settings.ServiceName!, id, endpoint.Address, endpoint.Port, settings.Address!);
                    if (!registered)
                    {
                        registered = true;
                        await RemoveStaleAsync(id, settings.ServiceName!, endpoint, stoppingToken);
                    }
                }

                if (failures > 0)
                {
                    Log.ConsulAnswersAgain(logger, settings.Address!, failures);
                }

                (next, delay, failures) = (settings.VerifyInterval, settings.RetryDelay, 0);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever goes wrong (refused, unreachable, timed out, a proxy's odd answer) is retried: a registration problem
                // must never take the service down, which an exception escaping a BackgroundService would do. One warning per
                // outage, the rest at debug level.
                failures++;
                if (failures == 1)
                {
                    Log.ConsulCallFailed(logger, id, settings.Address!, delay.TotalSeconds, ex.Message);
                }
                else
                {
                    Log.ConsulCallFailedAgain(logger, id, failures, delay.TotalSeconds, ex.Message);
                }

                // Once registered, Consul is asked at least every VerifyInterval however long it was away, so a registration
                // it lost is restored within that interval of its return.
                next = registered && delay > settings.VerifyInterval ? settings.VerifyInterval : delay;
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxRetryDelay.Ticks));
            }

            await Task.Delay(next, time, stoppingToken);
        }
    }

    /// <summary>Removes registrations of this service at this address under another ID; a failure here only leaves them to Consul's reaping.</summary>
    private async Task RemoveStaleAsync(string id, string name, ServiceEndpoint endpoint, CancellationToken stoppingToken)
    {
        try
        {
            foreach (var stale in await agent.GetServicesAsync(stoppingToken))
            {
                if (stale.Id is { } staleId && staleId != id && stale.Service == name
                    && string.Equals(stale.Address, endpoint.Address, StringComparison.OrdinalIgnoreCase) && stale.Port == endpoint.Port)
                {
                    await agent.DeregisterAsync(staleId, stoppingToken);
                    Log.StaleRemoved(logger, staleId, endpoint.Address, endpoint.Port);
                }
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Log.StaleCleanupFailed(logger, id, ex.Message);
        }
    }

    /// <summary>The registration, with the check's first status set to what <c>/health/ready</c> answers now.</summary>
    private async Task<AgentServiceRegistration> CreateAsync(string id, ConsulRegistrationOptions settings, ServiceEndpoint endpoint, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(ServiceHealth.ReadyTag), cancellationToken);
        var status = report.Status switch
        {
            HealthStatus.Healthy => "passing",
            HealthStatus.Degraded => "warning",
            _ => "critical",
        };
        var check = new AgentServiceCheck(
            endpoint.HealthUrl(ServiceHealth.ReadyPath).ToString(),
            "GET",
            GoDuration.Format(settings.CheckInterval),
            GoDuration.Format(settings.CheckTimeout),
            GoDuration.Format(settings.DeregisterCriticalServiceAfter),
            status);
        return new AgentServiceRegistration(id, settings.ServiceName!, settings.Tags, endpoint.Address, endpoint.Port, check);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Consul registration is off (Consul:Address is not set)")]
        public static partial void Disabled(ILogger logger);

        [LoggerMessage(2, LogLevel.Error, "Consul registration skipped: the server reports no listening address")]
        public static partial void NoAddress(ILogger logger);

        [LoggerMessage(3, LogLevel.Information, "Registered service {ServiceName} as {ServiceId} at {ServiceAddress}:{ServicePort} in Consul {ConsulAddress}")]
        public static partial void Registered(ILogger logger, string serviceName, string serviceId, string serviceAddress, int servicePort, string consulAddress);

        [LoggerMessage(4, LogLevel.Warning, "Consul call for {ServiceId} at {ConsulAddress} failed, retrying in {RetrySeconds} s with back-off: {Error}")]
        public static partial void ConsulCallFailed(ILogger logger, string serviceId, string consulAddress, double retrySeconds, string error);

        [LoggerMessage(5, LogLevel.Information, "Deregistered {ServiceId} from Consul (known to Consul: {WasRegistered})")]
        public static partial void Deregistered(ILogger logger, string serviceId, bool wasRegistered);

        [LoggerMessage(6, LogLevel.Warning, "Consul deregistration of {ServiceId} failed; Consul drops it once its check has been critical long enough: {Error}")]
        public static partial void DeregistrationFailed(ILogger logger, string serviceId, string error);

        [LoggerMessage(7, LogLevel.Warning, "Consul {ConsulAddress} no longer holds {ServiceId} (agent restarted without its data?); registering it again")]
        public static partial void RegistrationLost(ILogger logger, string serviceId, string consulAddress);

        [LoggerMessage(8, LogLevel.Information, "Removed stale Consul registration {ServiceId} of the same service at {ServiceAddress}:{ServicePort}")]
        public static partial void StaleRemoved(ILogger logger, string serviceId, string serviceAddress, int servicePort);

        [LoggerMessage(9, LogLevel.Warning, "Looking for stale Consul registrations next to {ServiceId} failed; Consul reaps them once their check stays critical: {Error}")]
        public static partial void StaleCleanupFailed(ILogger logger, string serviceId, string error);

        [LoggerMessage(10, LogLevel.Debug, "Consul call for {ServiceId} failed again (attempt {Attempt}), retrying in {RetrySeconds} s: {Error}")]
        public static partial void ConsulCallFailedAgain(ILogger logger, string serviceId, int attempt, double retrySeconds, string error);

        [LoggerMessage(11, LogLevel.Information, "Consul {ConsulAddress} answers again after {Failures} failed calls")]
        public static partial void ConsulAnswersAgain(ILogger logger, string consulAddress, int failures);
    }
}
