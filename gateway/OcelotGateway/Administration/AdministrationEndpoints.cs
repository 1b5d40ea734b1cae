using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OcelotGateway.Administration.Console;
using OcelotGateway.Administration.Explain;
using OcelotGateway.Errors;

namespace OcelotGateway.Administration;

/// <summary>
/// Maps the administration API as one route group under <see cref="AdministrationOptions.Path"/>, secured by the API key or a bearer token and
/// ordered before every proxied route, so nothing under the path is ever routed downstream (as in Ocelot). Features add
/// their endpoints to the group.
/// </summary>
internal static class AdministrationEndpoints
{
    public static WebApplication MapGatewayAdministration(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AdministrationOptions>>().Value;
        if (!options.IsEnabled)
        {
            return app;
        }

        var group = app.MapGroup(options.Path);
        group.AddEndpointFilter<AdministrationResponseHeaders>();
        group.AddEndpointFilter<AdministrationAccessFilter>();
        group.ExcludeFromDescription();
        ((IEndpointConventionBuilder)group).Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MinValue);

        group.MapOutputCache();
        group.MapConfiguration();
        group.MapExplain();
        if (app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Enabled)
        {
            // Created now, before the host starts, so the history holds the start-up load too.
            app.Services.GetRequiredService<ReloadHistory>();
            group.MapConsoleApi();
            app.MapConsoleUi(options.Path);
        }

        // A route handler (not a plain RequestDelegate) so that the key check applies here too: no probing without the key.
        group.Map("/{**rest}", static async (HttpContext context) =>
        {
            await ProblemResponse.WriteAsync(
                context, StatusCodes.Status404NotFound, "Not Found", "No administration endpoint has this method and path.", context.RequestAborted);
            return Results.Empty;
        });
        return app;
    }
}
