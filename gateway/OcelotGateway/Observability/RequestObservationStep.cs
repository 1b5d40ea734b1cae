using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OcelotGateway.Errors;
using OcelotGateway.Observability.Logging;
using OcelotGateway.Observability.Tracing;
using OcelotGateway.Resilience;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Observability;

/// <summary>
/// Observes every proxied request once, as the first step, and answers a failed downstream call (<see cref="ForwarderErrorAnswer"/>):
/// the gateway-hop span (route key, upstream template, downstream
/// host), the log scope that puts route key, request id and client id on every line of the request, request metrics
/// (count by route, method and status; latency), and one structured line with route, method, downstream URL, status,
/// elapsed time and request id. That line is skipped when Information is off, as benchmarks and busy fleets run. It also arms
/// the route's <c>Timeout</c> (<see cref="RouteDeadline"/>) over every later step and the call, and answers 504 when it runs
/// out. This is the one step that awaits every request: the others check their policy and pass the request on synchronously
/// when it is off.
/// </summary>
internal sealed partial class RequestObservationStep
{
    private readonly RequestDelegate _next;
    private readonly ILogger<RequestObservationStep> _logger;
    private readonly GatewayMetrics _metrics;
    private readonly ForwarderErrorAnswer _errors;
    private readonly TimeProvider _time;

    public RequestObservationStep(
        RequestDelegate next, ILogger<RequestObservationStep> logger, GatewayMetrics metrics, ForwarderErrorAnswer errors, TimeProvider time)
    {
        _next = next;
        _logger = logger;
        _metrics = metrics;
        _errors = errors;
        _time = time;
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
        // An aggregate's part arrives with its deadline armed by the aggregate, which also disposes it.
        var deadline = feature is { Deadline: null } ? feature.Deadline = RouteDeadline.Arm(context, feature.Route.Timeout, _time) : null;
        try
        {
            await _next(context);
            if (feature is not null)
            {
                DownstreamObservationStep.Complete(context, feature, _metrics);
            }

            if (context.Features.Get<IForwarderErrorFeature>() is { } error)
            {
                await _errors.AnswerAsync(context, error);
            }
        }
        catch (OperationCanceledException) when (deadline is { TimedOut: true } && !context.Response.HasStarted)
        {
            // A step before the call (a Redis lookup, a request body read) gave up as the route's time ran out.
            await ForwarderErrorAnswer.WriteTimeoutAsync(context, feature!.Route.UpstreamPath.Template);
        }
        finally
        {
            if (deadline is not null)
            {
                feature!.Deadline = null;
                deadline.Release(context);
            }

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
