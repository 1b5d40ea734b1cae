using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Administration;
using OcelotGateway.Aggregation;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Errors;
using OcelotGateway.Observability;
using OcelotGateway.Pipeline;
using OcelotGateway.Security;
using OcelotGateway.Swagger;
using Prometheus;

namespace OcelotGateway.Hosting;

public static class GatewayApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the gateway to the request pipeline: problem+json for unexpected errors, routing, per-route timeouts, health
    /// endpoints, the proxied routes, and a problem+json 404 for requests no route matches.
    /// </summary>
    public static WebApplication MapOcelotGateway(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CompiledRouteRegistry>();

        app.UseMiddleware<UnhandledExceptionStep>();
        app.UseGatewayCors();
        app.UseGatewaySwagger();
        app.UseRouting();
        app.UseRequestTimeouts();
        app.Use(NotFoundWhenNoRoute);

        app.MapMetrics(GatewayHealth.MetricsPath, app.Services.GetRequiredService<GatewayMetrics>().Registry);
        app.MapHealthChecks(GatewayHealth.LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(GatewayHealth.ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(GatewayHealth.ReadyTag) });
        app.MapGatewayAdministration();
        app.MapAsyncReplies();
        app.MapGatewayAggregates();
        app.MapGatewaySwaggerDocuments();
        app.MapReverseProxy(GatewayPipeline.Configure)
            .ConfigureEndpoints((endpoint, route) =>
            {
                if (registry.Find(route.RouteId) is { } compiled)
                {
                    endpoint.WithMetadata(compiled);
                }
            });
        return app;
    }

    private static RequestDelegate NotFoundWhenNoRoute(RequestDelegate next) => context =>
        context.GetEndpoint() is not null
            ? next(context)
            : NotFoundAsync(context);

    private static Task NotFoundAsync(HttpContext context)
    {
        context.RequestServices.GetRequiredService<GatewayMetrics>().NoRouteMatched(context.Request.Method);
        if (context.RequestServices.GetRequiredService<GatewayConfigurationState>().Current?.RequestIdKey is { } requestIdKey)
        {
            context.Response.Headers[requestIdKey] = RequestIds.Resolve(context, requestIdKey);
        }

        return ProblemResponse.WriteAsync(
            context,
            StatusCodes.Status404NotFound,
            "Not Found",
            "No route matches this method, host, path and headers.",
            context.RequestAborted);
    }
}
