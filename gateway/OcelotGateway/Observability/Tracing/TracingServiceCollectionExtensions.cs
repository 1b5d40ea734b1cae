using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace OcelotGateway.Observability.Tracing;

internal static class TracingServiceCollectionExtensions
{
    private const string DefaultServiceName = "ocelot-gateway";

    /// <summary>
    /// Registers an OpenTelemetry tracer (ASP.NET Core server spans, the gateway's hop spans, HTTP client spans of downstream
    /// calls) exporting over OTLP, when an endpoint is configured. Scrapes and health probes are not traced.
    /// </summary>
    public static IServiceCollection AddGatewayTracing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TracingOptions>()
            .Bind(configuration.GetSection(TracingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        TraceContextPropagation.EnsureEnabled();

        var options = configuration.GetSection(TracingOptions.SectionName).Get<TracingOptions>() ?? new TracingOptions();
        var fromStandardVariable = !string.IsNullOrWhiteSpace(configuration[TracingOptions.StandardEndpointVariable]);
        // Invalid settings are left to ValidateOnStart, which stops start-up with a clear message.
        if ((string.IsNullOrWhiteSpace(options.OtlpEndpoint) && !fromStandardVariable)
            || !Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true))
        {
            return services;
        }

        var serviceName = options.ServiceName ?? configuration["OTEL_SERVICE_NAME"] ?? DefaultServiceName;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)))
                    .AddSource(GatewayTelemetry.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(o => o.Filter = static context => !IsOperationalEndpoint(context.Request.Path))
                    .AddHttpClientInstrumentation();
                if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
                {
                    // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS itself.
                    tracing.AddOtlpExporter();
                }
                else
                {
                    tracing.AddOtlpExporter(otlp =>
                    {
                        otlp.Endpoint = options.ResolveEndpoint()!;
                        otlp.Protocol = options.OtlpProtocol;
                    });
                }
            });
        return services;
    }

    private static bool IsOperationalEndpoint(PathString path) =>
        path.StartsWithSegments(GatewayHealth.MetricsPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(GatewayHealth.LivePath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(GatewayHealth.ReadyPath, StringComparison.OrdinalIgnoreCase);
}
