using Microsoft.AspNetCore.Http;
using Samples.ServiceDefaults.Health;
using Serilog.Events;

namespace Samples.ServiceDefaults.Logging;

/// <summary>Level of the one line logged per request: health probes (every few seconds from Consul) stay out of the way.</summary>
internal static class RequestLogLevel
{
    public static LogEventLevel For(HttpContext context, double elapsedMilliseconds, Exception? exception)
    {
        if (exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return LogEventLevel.Error;
        }

        return context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
            ? LogEventLevel.Verbose
            : LogEventLevel.Information;
    }
}
