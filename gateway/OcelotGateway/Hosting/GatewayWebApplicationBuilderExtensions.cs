using Microsoft.AspNetCore.Builder;
using Serilog;

namespace OcelotGateway.Hosting;

public static class GatewayWebApplicationBuilderExtensions
{
    /// <summary>
    /// Sets up a gateway host: Serilog from the <c>Serilog</c> configuration section (message templates kept as properties)
    /// and every gateway service. Hosts with their own logging can call <c>Services.AddOcelotGateway</c> instead.
    /// </summary>
    public static WebApplicationBuilder AddOcelotGateway(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext());
        builder.Services.AddOcelotGateway(builder.Configuration);
        return builder;
    }
}
