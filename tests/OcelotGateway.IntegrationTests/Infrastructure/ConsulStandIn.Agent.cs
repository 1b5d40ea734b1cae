using System.Diagnostics;
using System.Text.Json;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// The stand-in's agent endpoints, with the real agent's habits: registering an existing ID replaces it, deregistering an
/// unknown ID answers 200 (Consul 1.8 does), an HTTP check starts at the registration's <c>Status</c> (default critical) and is
/// probed every interval, and an instance whose check stayed critical for its <c>DeregisterCriticalServiceAfter</c> is
/// removed (Consul enforces at least one minute and reaps every 30 s; the stand-in takes any duration and reaps at the next probe).
/// </summary>
public sealed partial class ConsulStandIn
{
    private Task AgentServicesAsync(HttpContext context) =>
        WriteJsonAsync(context, Index, _index.Read(() => _services.Values.ToDictionary(s => s.ID!, ConsulShapes.AgentService, StringComparer.Ordinal)));

    private Task AgentServiceAsync(HttpContext context, string id)
    {
        if (_index.Read(() => _services.GetValueOrDefault(id)) is not { } registration)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync("unknown service ID: " + id);
        }

        return WriteJsonAsync(context, Index, ConsulShapes.AgentService(registration));
    }

    private async Task RegisterAsync(HttpContext context)
    {
        var registration = await JsonSerializer.DeserializeAsync<ConsulRegistration>(context.Request.Body, Json, context.RequestAborted);
        if (registration is null || string.IsNullOrEmpty(registration.Name))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("Missing service name");
            return;
        }

        var id = registration.ID = string.IsNullOrEmpty(registration.ID) ? registration.Name : registration.ID;
        var check = registration.Check ?? registration.Checks?.FirstOrDefault();
        registration.Status = check is null ? "passing" : check.Status ?? "critical";
        registration.CriticalSince = registration.Status == "critical" ? Stopwatch.GetTimestamp() : null;
        var probe = check?.HTTP is null ? null : new CancellationTokenSource();
        _index.Change(_ =>
        {
            StopCheck(id);
            _services[id] = registration;
            if (probe is not null)
            {
                _checks[id] = probe;
            }
        });
        if (probe is not null)
        {
            var interval = ConsulDuration.Parse(check!.Interval, TimeSpan.FromSeconds(10));
            var reapAfter = string.IsNullOrEmpty(check.DeregisterCriticalServiceAfter) ? (TimeSpan?)null : ConsulDuration.Parse(check.DeregisterCriticalServiceAfter, TimeSpan.Zero);
            _ = ConsulHttpCheck.RunAsync(_checkClient, new Uri(check.HTTP!), interval, status => ReportCheck(id, status, reapAfter, probe.Token), probe.Token);
        }
    }

    private Task DeregisterAsync(HttpContext context, string id)
    {
        _index.Change(_ =>
        {
            StopCheck(id);
            _services.Remove(id);
        });
        return Task.CompletedTask;
    }

    private void ReportCheck(string id, string status, TimeSpan? reapAfter, CancellationToken cancellationToken)
    {
        var (changed, reap) = _index.Read(() =>
        {
            if (cancellationToken.IsCancellationRequested || !_services.TryGetValue(id, out var registration))
            {
                return (false, false);
            }

            var criticalFor = status == "critical" && registration.CriticalSince is { } since ? Stopwatch.GetElapsedTime(since) : TimeSpan.Zero;
            return (registration.Status != status, reapAfter is { } after && status == "critical" && criticalFor >= after);
        });
        if (!changed && !reap)
        {
            return;
        }

        _index.Change(_ =>
        {
            if (!_services.TryGetValue(id, out var registration))
            {
                return;
            }

            if (reap)
            {
                StopCheck(id);
                _services.Remove(id);
                return;
            }

            registration.Status = status;
            registration.CriticalSince = status == "critical" ? Stopwatch.GetTimestamp() : null;
        });
    }

    private void StopCheck(string id)
    {
        if (_checks.Remove(id, out var check))
        {
            check.Cancel();
        }
    }
}
