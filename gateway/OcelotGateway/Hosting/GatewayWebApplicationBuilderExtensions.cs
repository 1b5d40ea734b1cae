using Microsoft.AspNetCore.Builder;
using OcelotGateway.Observability.Logging;
using Serilog;

namespace OcelotGateway.Hosting;

public static class GatewayWebApplicationBuilderExtensions
{
    /// <summary>
    /// Sets up a gateway host: Serilog from the <c>Serilog</c> configuration section (message templates kept as properties;
    /// trace and span id on every line written under an activity; credential-named properties redacted; sinks registered
    /// as <c>ILogEventSink</c> services included) and every gateway service. Hosts with their own logging can call
    /// <c>Services.AddOcelotGateway</c> instead.
    /// </summary>
    public static WebApplicationBuilder AddOcelotGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<SensitivePropertyRedactor>());
        builder.Services.AddOcelotGateway(builder.Configuration);
        return builder;
    }
}
