using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OcelotGateway.Errors;
using OcelotGateway.Observability;

namespace OcelotGateway.Aggregation;

/// <summary>
/// Answers a request that matched an aggregate: reads the body once (every part gets a copy), runs the parts, combines them
/// with the default or the named aggregator, and writes one log line with every part's status.
/// </summary>
internal sealed partial class AggregateEndpoint
{
    private readonly AggregateExecutor _executor;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<AggregateEndpoint> _logger;

    public AggregateEndpoint(AggregateExecutor executor, GatewayMetrics metrics, ILogger<AggregateEndpoint> logger)
    {
        _executor = executor;
        _metrics = metrics;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (context.Features.Get<AggregateRouteFeature>() is not { } feature)
        {
            // Only reachable if routing skipped the gateway's matcher policy.
            await ProblemResponse.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found", "No route matches this request.", context.RequestAborted);
            return;
        }

        var aggregate = feature.Aggregate;
        var started = Stopwatch.GetTimestamp();
        if (aggregate.RequestIdKey is { } requestIdKey)
        {
            // Parts copy the caller's headers, so setting it on the request gives every part, and every service, the same id.
            var requestId = RequestIds.Resolve(context, requestIdKey);
            context.Request.Headers[requestIdKey] = requestId;
            context.Response.Headers[requestIdKey] = requestId;
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var parts = await _executor.RunAsync(context, aggregate, feature.Placeholders, body);
        if (aggregate.RouteKeys.Count == 1 && aggregate.Dependencies.Count == 0 && !aggregate.ChecksParts)
        {
            // Ocelot handles an aggregate of one route as that route.
            await AggregateResponseWriter.PassThroughAsync(context, parts[0]);
        }
        else if (aggregate.Aggregator is { } name)
        {
            await AggregateWithAsync(context, name, parts);
        }
        else
        {
            await DefaultJsonAggregator.WriteAsync(context, aggregate, parts);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        _metrics.AggregateCompleted(aggregate, context.Request.Method, context.Response.StatusCode, elapsed.TotalSeconds);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            Log.AggregateCompleted(
                _logger,
                aggregate.DisplayName,
                context.Request.Method,
                context.Request.Path.Value,
                context.Response.StatusCode,
                elapsed.TotalMilliseconds,
                string.Join(' ', parts.Select(Describe)));
        }
    }

    private static async Task AggregateWithAsync(HttpContext context, string name, IReadOnlyList<AggregatePartResponse> parts)
    {
        // Validation rejects unknown names; a host that removed a registration at run time still gets a clear answer.
        if (context.RequestServices.GetKeyedService<IGatewayAggregator>(name) is not { } aggregator)
        {
            await ProblemResponse.WriteAsync(
                context, StatusCodes.Status500InternalServerError, "Internal Server Error", "The aggregator of this route is not registered.", context.RequestAborted);
            return;
        }

        var result = await aggregator.AggregateAsync(parts, context, context.RequestAborted);
        await AggregateResponseWriter.WriteAsync(context, result.StatusCode, result.ContentType, result.Body, result.Headers);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0
            || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return [];
        }

        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    private static string Describe(AggregatePartResponse part) =>
        string.Create(CultureInfo.InvariantCulture, $"{part.RouteKey}={part.StatusCode}{(part.GatewayError is null ? string.Empty : "(gateway)")}");

    private static partial class Log
    {
        [LoggerMessage(EventId = 1500, Level = LogLevel.Information,
            Message = "{Method} {Path} via {Aggregate} answered {StatusCode} in {ElapsedMs:0.0} ms; parts {Parts}")]
        public static partial void AggregateCompleted(
            ILogger logger, string aggregate, string method, string? path, int statusCode, double elapsedMs, string parts);
    }
}
