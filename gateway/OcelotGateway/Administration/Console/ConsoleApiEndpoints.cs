using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OcelotGateway.Administration.Explain;
using OcelotGateway.Configuration.Reload;

namespace OcelotGateway.Administration.Console;

/// <summary>
/// The JSON the console reads, inside the administration API (same credentials, never cached): <c>GET {path}/console/routes</c>
/// (the compiled routes and the configuration's warnings), <c>GET {path}/console/status</c> (reloads, breakers, services,
/// stores, Redis, bounded structures, asynchronous replies) and <c>GET {path}/console/traffic</c> (rates per route from the
/// gateway's metrics). Read-only.
/// </summary>
internal static class ConsoleApiEndpoints
{
    public static RouteGroupBuilder MapConsoleApi(this RouteGroupBuilder group)
    {
        group.MapGet("/console/routes", static async (HttpContext context, GatewayConfigurationState state) =>
            state.Current is { } current
                ? Results.Json(RouteCatalog.Build(current), ExplanationJson.Options)
                : await AdministrationAnswers.NotLoadedAsync(context))
            .WithSummary("The compiled routes and aggregates with their files, lines and policies, and the configuration's warnings.")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/console/status", static (ConsoleStatus status) => Results.Json(status.Read(), ExplanationJson.Options))
            .WithSummary("Live state: reload history, circuit breakers, discovered services, stores and Redis, bounded structures, asynchronous replies.")
            .Produces(StatusCodes.Status200OK);
        group.MapGet("/console/traffic", static (TrafficSampler traffic) => Results.Json(traffic.Read(), ExplanationJson.Options))
            .WithSummary("Requests, 5xx share and cache hit share per route over the last minute, from the gateway's own metrics.")
            .Produces(StatusCodes.Status200OK);
        return group;
    }
}
