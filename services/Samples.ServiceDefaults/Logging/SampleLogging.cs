using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Samples.ServiceDefaults.Logging;

/// <summary>
/// Serilog for the samples: readable lines in Development, one compact JSON object per event elsewhere (what a log shipper
/// wants). The <c>Serilog</c> configuration section may override levels; when it names sinks of its own, no console is added.
/// </summary>
internal static class SampleLogging
{
    private const string ReadableTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public static void AddSampleLogging(this WebApplicationBuilder builder, ServiceDescription service)
    {
        var readable = builder.Environment.IsDevelopment();
        var configuredSinks = builder.Configuration.GetSection("Serilog:WriteTo").Exists();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Service", service.Name);
            if (!configuredSinks)
            {
                _ = readable
                    ? logger.WriteTo.Console(outputTemplate: ReadableTemplate, formatProvider: CultureInfo.InvariantCulture)
                    : logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        });
    }
}
