using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Samples.ServiceDefaults.Consul;
using Samples.ServiceDefaults.Health;
using Samples.ServiceDefaults.Http;
using Samples.ServiceDefaults.Logging;
using Serilog;

namespace Samples.ServiceDefaults;

/// <summary>
/// The one call every sample service makes: Serilog, problem details for every error, health endpoints, an OpenAPI document
/// and, when <c>Consul:Address</c> is set, self-registration in Consul.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string OpenApiPath = "/openapi/v1.json";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, ServiceDescription service)
    {
        ArgumentNullException.ThrowIfNull(service);
        builder.AddSampleLogging(service);
        builder.Services.AddProblemDetails();

        // Malformed bodies and unbindable parameters throw in every environment, so that BadRequestProblems can answer a 400
        // problem naming the field and value at fault (the framework's own 400 says only "Bad Request").
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        builder.Services.Configure<JsonOptions>(options => options.SerializerOptions.AllowTrailingCommas = true);

        builder.Services.AddSingleton<StartedHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<StartedHealthCheck>("started", tags: [ServiceHealth.ReadyTag]);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = service.Title;
            document.Info.Description = service.Summary;
            document.Info.Version = "v1";
            return Task.CompletedTask;
        }));
        builder.Services.AddConsulRegistration(builder.Configuration, service.Name);
        return builder;
    }

    /// <summary>Adds the error handling and request logging middlewares and maps the health and OpenAPI endpoints.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        // Outermost, so the one line per request shows the status the client got (a handled exception's 400 or 500).
        app.UseSerilogRequestLogging(options => options.GetLevel = RequestLogLevel.For);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHeadAsGet();
        app.UseRouting();

        app.MapHealthChecks(ServiceHealth.LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ServiceHealth.ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ServiceHealth.ReadyTag) });
        app.MapOpenApi();
        return app;
    }
}
