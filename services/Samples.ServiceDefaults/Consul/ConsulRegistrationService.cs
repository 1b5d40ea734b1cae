using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samples.ServiceDefaults.Health;

namespace Samples.ServiceDefaults.Consul;

/// <summary>
/// Registers the instance in Consul once the server listens (the real bound port is known then) and deregisters it when the
/// host stops. Consul being away never stops the service: failures are logged and retried with back-off until it answers.
/// </summary>
internal sealed partial class ConsulRegistrationService(
    ConsulAgentClient agent,
    IOptions<ConsulRegistrationOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
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

        var registration = Create(settings, endpoint);
        Volatile.Write(ref _sentId, registration.Id);
        await RegisterWithRetryAsync(registration, settings, stoppingToken);
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

    private async Task RegisterWithRetryAsync(AgentServiceRegistration registration, ConsulRegistrationOptions settings, CancellationToken stoppingToken)
    {
        var delay = settings.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await agent.RegisterAsync(registration, stoppingToken);
                Log.Registered(logger, registration.Name, registration.Id, registration.Address, registration.Port, settings.Address!);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever goes wrong (refused, unreachable, timed out, a proxy's odd answer) is retried: a registration problem
                // must never take the service down, which an exception escaping a BackgroundService would do.
                Log.RegistrationFailed(logger, registration.Id, settings.Address!, attempt, delay.TotalSeconds, ex.Message);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxRetryDelay.Ticks));
        }
    }

    private static AgentServiceRegistration Create(ConsulRegistrationOptions settings, ServiceEndpoint endpoint)
    {
        var name = settings.ServiceName!;
        var id = string.Join('-', name, Environment.MachineName.ToLowerInvariant(), endpoint.Port, Guid.NewGuid().ToString("N")[..8]);
        var check = new AgentServiceCheck(
            endpoint.HealthUrl(ServiceHealth.ReadyPath).ToString(),
            "GET",
            GoDuration.Format(settings.CheckInterval),
            GoDuration.Format(settings.CheckTimeout),
            GoDuration.Format(settings.DeregisterCriticalServiceAfter));
        return new AgentServiceRegistration(id, name, settings.Tags, endpoint.Address, endpoint.Port, check);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Consul registration is off (Consul:Address is not set)")]
        public static partial void Disabled(ILogger logger);

        [LoggerMessage(2, LogLevel.Error, "Consul registration skipped: the server reports no listening address")]
        public static partial void NoAddress(ILogger logger);

        [LoggerMessage(3, LogLevel.Information, "Registered service {ServiceName} as {ServiceId} at {ServiceAddress}:{ServicePort} in Consul {ConsulAddress}")]
        public static partial void Registered(ILogger logger, string serviceName, string serviceId, string serviceAddress, int servicePort, string consulAddress);

        [LoggerMessage(4, LogLevel.Warning, "Consul registration of {ServiceId} at {ConsulAddress} failed (attempt {Attempt}), retrying in {RetrySeconds} s: {Error}")]
        public static partial void RegistrationFailed(ILogger logger, string serviceId, string consulAddress, int attempt, double retrySeconds, string error);

        [LoggerMessage(5, LogLevel.Information, "Deregistered {ServiceId} from Consul (known to Consul: {WasRegistered})")]
        public static partial void Deregistered(ILogger logger, string serviceId, bool wasRegistered);

        [LoggerMessage(6, LogLevel.Warning, "Consul deregistration of {ServiceId} failed; Consul drops it once its check has been critical long enough: {Error}")]
        public static partial void DeregistrationFailed(ILogger logger, string serviceId, string error);
    }
}
