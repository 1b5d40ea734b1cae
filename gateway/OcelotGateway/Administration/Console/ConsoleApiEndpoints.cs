using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OcelotGateway.Administration.Explain;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Errors;

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
        {
            if (state.Current is not { } current)
            {
                await ProblemResponse.WriteAsync(
                    context, StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "No configuration is loaded yet.", context.RequestAborted);
                return Results.Empty;
            }

            return Results.Json(RouteCatalog.Build(current), ExplanationJson.Options);
        });
        group.MapGet("/console/status", static (ConsoleStatus status) => Results.Json(status.Read(), ExplanationJson.Options));
        group.MapGet("/console/traffic", static (TrafficSampler traffic) => Results.Json(traffic.Read(), ExplanationJson.Options));
        return group;
    }
}
