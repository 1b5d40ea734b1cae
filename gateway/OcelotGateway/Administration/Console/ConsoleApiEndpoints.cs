using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OcelotGateway.Administration.Explain;
using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Administration.Console;

/// <summary>
/// The JSON the console reads, inside the administration API (same credentials, never cached): <c>GET {path}/console/routes</c>
/// (the compiled routes and the configuration's warnings), <c>GET {path}/console/status</c> (reloads, breakers, services,
/// stores) and <c>GET {path}/console/traffic</c> (rates per route from the gateway's metrics). Read-only.
/// </summary>
internal static class ConsoleApiEndpoints
{
    public static RouteGroupBuilder MapConsoleApi(this RouteGroupBuilder group)
    {
        group.MapGet("/console/routes", static async (HttpContext context, GatewayConfigurationState state) =>
            state.Current is { } current
                ? Results.Json(RouteCatalog.Build(current), ExplanationJson.Options)
                : await AdministrationAnswers.NotLoadedAsync(context));
        group.MapGet("/console/status", static (ConsoleStatus status) => Results.Json(status.Read(), ExplanationJson.Options));
        group.MapGet("/console/traffic", static (TrafficSampler traffic) => Results.Json(traffic.Read(), ExplanationJson.Options));
        return group;
    }
}
