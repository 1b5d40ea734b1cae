using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OcelotGateway.Observability.Logging;
using OcelotGateway.Observability.Tracing;
using OcelotGateway.Routing;

namespace OcelotGateway.Observability;

/// <summary>
/// Observes every proxied request once, as the first step: the gateway-hop span (route key, upstream template, downstream
/// host), the log scope that puts route key, request id and client id on every line of the request, request metrics
/// (count by route, method and status; latency), and one structured line with route, method, downstream URL, status,
/// elapsed time and request id. That line is skipped when Information is off, as benchmarks and busy fleets run.
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
        var feature = context.Features.Get<GatewayRouteFeature>();
        using var activity = feature is null ? null : GatewayTelemetry.StartHop(feature.Route, context.Request.Method);
        // Any enabled level means a provider is listening; with none (logging off) the scope is not even allocated.
        using var scope = feature is null || !_logger.IsEnabled(LogLevel.Critical)
            ? null
            : _logger.BeginScope(new RequestLogScope(context, feature));
        try
        {
            await _next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var status = context.Response.StatusCode;
            _metrics.RequestCompleted(feature?.Route, context.Request.Method, status, elapsed.TotalSeconds);
            if (activity is not null)
            {
                GatewayTelemetry.Complete(activity, feature?.DownstreamUri, status);
            }

            if (_logger.IsEnabled(LogLevel.Information))
            {
                Log.RequestCompleted(
                    _logger,
                    context.Request.Method,
                    context.Request.Path.Value,
                    feature?.Route.DisplayName,
                    // Cache hits, accepted asynchronous requests and refusals never reach a service.
                    feature?.DownstreamUri?.GetLeftPart(UriPartial.Path) ?? "(not forwarded)",
                    status,
                    elapsed.TotalMilliseconds,
                    feature?.RequestId ?? context.TraceIdentifier);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
            Message = "{Method} {Path} via {Route} to {DownstreamUrl} answered {StatusCode} in {ElapsedMs:0.0} ms (request id {RequestId})")]
        public static partial void RequestCompleted(
            ILogger logger, string method, string? path, string? route, string downstreamUrl, int statusCode, double elapsedMs, string? requestId);
    }
}
