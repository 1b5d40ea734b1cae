using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OcelotGateway.Routing;

namespace OcelotGateway.Observability;

/// <summary>
/// One structured line per proxied request: route, method, downstream URL, status, elapsed time and request id.
/// Skipped entirely (no timestamps taken) when the level is off, which is what benchmarks and busy fleets run with.
/// </summary>
internal sealed partial class RequestLoggingStep
{
    private readonly RequestDelegate _next;
    private readonly ILogger<RequestLoggingStep> _logger;

    public RequestLoggingStep(RequestDelegate next, ILogger<RequestLoggingStep> logger)
    {
        _next = next;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context) =>
        _logger.IsEnabled(LogLevel.Information) ? InvokeLoggedAsync(context) : _next(context);

    private async Task InvokeLoggedAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _next(context);
        }
        finally
        {
            var feature = context.Features.Get<GatewayRouteFeature>();
            Log.RequestCompleted(
                _logger,
                context.Request.Method,
                context.Request.Path.Value,
                feature?.Route.DisplayName,
                feature?.DownstreamUri?.GetLeftPart(UriPartial.Path),
                context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                feature?.RequestId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
            Message = "{Method} {Path} via {Route} to {DownstreamUrl} answered {StatusCode} in {ElapsedMs:0.0} ms (request id {RequestId})")]
        public static partial void RequestCompleted(
            ILogger logger, string method, string? path, string? route, string? downstreamUrl, int statusCode, double elapsedMs, string? requestId);
    }
}
