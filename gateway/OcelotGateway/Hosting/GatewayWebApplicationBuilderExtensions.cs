using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Observability.Logging;
using Serilog;
using Serilog.Events;

namespace OcelotGateway.Hosting;

public static class GatewayWebApplicationBuilderExtensions
{
    /// <summary>
    /// Sets up a gateway host: Serilog from the <c>Serilog</c> configuration section (message templates kept as properties;
    /// trace and span id on every line written under an activity; credentials and secret query values redacted; sinks registered
    /// as <c>ILogEventSink</c> services included) and every gateway service. Hosts with their own logging can call
    /// <c>Services.AddOcelotGateway</c> instead.
    /// Kestrel's limits are read from <c>Kestrel:Limits</c> (e.g. <c>MaxRequestBodySize</c>, 30 MB by default).
    /// </summary>
    public static WebApplicationBuilder AddOcelotGateway(this WebApplicationBuilder builder)
    {
        // ASP.NET Core binds only endpoints and certificates from the Kestrel section; a gateway streaming large uploads
        // needs its operators to be able to raise the body size limit without code.
        builder.WebHost.ConfigureKestrel((context, kestrel) => context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits));
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With(new SensitivePropertyRedactor(services.GetRequiredService<LogRedactor>()))
            .Filter.ByExcluding(IsRefusedStartup));
        builder.Services.AddOcelotGateway(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// The host's "Hosting failed to start" for an invalid configuration, invalid settings or an address in use:
    /// <c>RunGatewayAsync</c> prints those itself, and this line would add the same text again with a stack trace.
    /// </summary>
    private static bool IsRefusedStartup(LogEvent logEvent) =>
        logEvent.Exception is { } exception
        && GatewayHostRunner.ReportsItself(exception)
        && logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: "Microsoft.Extensions.Hosting.Internal.Host" };
}
