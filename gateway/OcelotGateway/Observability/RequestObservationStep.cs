using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OcelotGateway.Routing;

namespace OcelotGateway.Observability;

/// <summary>
/// Observes every proxied request once: request metrics (count by route, method and status; latency) and one structured
/// log line with route, method, downstream URL, status, elapsed time and request id. The log line is skipped when the
/// Information level is off, which is what benchmarks and busy fleets run with.
/// </summary>
internal sealed partial class RequestObservationStep
{
    private readonly RequestDelegate _next;
    private readonly ILogger<RequestObservationStep> _logger;
    private readonly GatewayMetrics _metrics;

    public RequestObservationStep(RequestDelegate next, ILogger<RequestObservationStep> logger, GatewayMetrics metrics)
    {
        _next = next;
        _logger = logger;
        _metrics = metrics;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _next(context);
        }
        finally
        {
            var feature = context.Features.Get<GatewayRouteFeature>();
            var elapsed = Stopwatch.GetElapsedTime(started);
            _metrics.RequestCompleted(feature?.Route, context.Request.Method, context.Response.StatusCode, elapsed.TotalSeconds);
            if (_logger.IsEnabled(LogLevel.Information))
            {
                Log.RequestCompleted(
                    _logger,
                    context.Request.Method,
                    context.Request.Path.Value,
                    feature?.Route.DisplayName,
                    feature?.DownstreamUri?.GetLeftPart(UriPartial.Path),
                    context.Response.StatusCode,
                    elapsed.TotalMilliseconds,
                    feature?.RequestId);
            }
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
