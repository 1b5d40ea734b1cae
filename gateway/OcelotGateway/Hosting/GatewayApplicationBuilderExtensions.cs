using Microsoft.AspNetCore.Authorization;
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
using OcelotGateway.Routing;
using OcelotGateway.Security;
using OcelotGateway.Swagger;
using Prometheus;

namespace OcelotGateway.Hosting;

public static class GatewayApplicationBuilderExtensions
{
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";
    private const string AuthorizationMiddlewareSetKey = "__AuthorizationMiddlewareSet";

    /// <summary>
    /// Adds the gateway to the request pipeline: problem+json for unexpected errors, routing, health
    /// endpoints, the proxied routes, and a problem+json 404 for requests no route matches.
    /// </summary>
    public static WebApplication MapOcelotGateway(this WebApplication app)
    {
        var registry = app.Services.GetRequiredService<CompiledRouteRegistry>();

        app.UseMiddleware<UnhandledExceptionStep>();
        app.UseGatewayCors();
        app.UseGatewaySwagger();
        app.UseRouting();
        UseAuthenticationOffGatewayRoutes(app);
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

    /// <summary>
    /// ASP.NET Core's authentication and authorization middleware for every endpoint except the gateway's routes. WebApplication
    /// would otherwise put both in front of every request, since their services are registered: for a proxied request
    /// authentication then opens a request service scope and asks for the default scheme, and authorization wraps the rest of
    /// the request in an asynchronous frame to combine no policy; a route without <c>AuthenticationOptions</c> needs neither,
    /// and a route with them authenticates and authorizes with its own settings (<see cref="AuthenticationStep"/>,
    /// <see cref="AuthorizationStep"/>).
    /// </summary>
    private static void UseAuthenticationOffGatewayRoutes(WebApplication app)
    {
        // As WebApplication decides: authorization only when its services are registered (UseAuthorization requires them).
        var authorization = app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(IAuthorizationHandlerProvider));
        app.UseWhen(static context => context.Features.Get<GatewayRouteFeature>() is null, branch =>
        {
            branch.UseAuthentication();
            if (authorization)
            {
                branch.UseAuthorization();
            }
        });
        // The keys UseAuthentication and UseAuthorization set on the builder they are called on; set on the application, they
        // tell WebApplication the middleware is already placed (the branch above has a copy of the properties of its own).
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        ((IApplicationBuilder)app).Properties[AuthorizationMiddlewareSetKey] = true;
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
