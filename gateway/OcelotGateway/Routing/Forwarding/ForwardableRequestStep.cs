using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OcelotGateway.Errors;

namespace OcelotGateway.Routing.Forwarding;

/// <summary>
/// Refuses with 400, before anything reaches the downstream service, a request the gateway cannot forward as the client sent
/// it: a header value holding characters outside ASCII (Kestrel accepts UTF-8 there, the downstream HTTP client cannot send
/// it, so the call would otherwise fail as a 502), or placeholder values that would make a dot segment of the downstream path
/// and so lead out of the route. Runs after authorization, which may still add path values from claims, and builds the
/// downstream path and query once for the cache key, every retry and the forwarder.
/// </summary>
internal sealed partial class ForwardableRequestStep
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ForwardableRequestStep> _logger;

    public ForwardableRequestStep(RequestDelegate next, ILogger<ForwardableRequestStep> logger)
    {
        _next = next;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<GatewayRouteFeature>() is not { } feature)
        {
            return _next(context);
        }

        if (Prepare(context.Request, feature) is not { } refusal)
        {
            return _next(context);
        }

        if (refusal.HeaderName is { } header)
        {
            Log.NonAsciiHeader(_logger, feature.Route.DisplayName, header);
        }
        else
        {
            Log.PathLeavesRoute(_logger, feature.Route.DisplayName);
        }

        return ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request", refusal.Detail, context.RequestAborted);
    }

    /// <summary>
    /// Sets the request's <see cref="GatewayRouteFeature.DownstreamTarget"/> and returns null, or returns why the request is
    /// refused. <c>explain</c> asks the same question, so it reports a refusal exactly where the proxy makes one.
    /// </summary>
    internal static ForwardRefusal? Prepare(HttpRequest request, GatewayRouteFeature feature)
    {
        if (FirstNonAsciiHeader(request.Headers) is { } header)
        {
            return new ForwardRefusal(header, "The value of header '" + header + "' holds characters outside ASCII, which cannot be forwarded.");
        }

        if (!feature.Route.DownstreamPath.TryBuild(feature.Placeholders, request.Path.Value ?? "/", request.QueryString.Value, out var target))
        {
            return new ForwardRefusal(null, "The request path would make a '.' or '..' segment of the downstream path.");
        }

        feature.DownstreamTarget = target;
        return null;
    }

    private static string? FirstNonAsciiHeader(IHeaderDictionary headers)
    {
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                if (value is not null && !Ascii.IsValid(value))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1003, Level = LogLevel.Information,
            Message = "Refused a request on {Route}: the value of header {HeaderName} holds characters outside ASCII")]
        public static partial void NonAsciiHeader(ILogger logger, string route, string headerName);

        [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
            Message = "Refused a request on {Route}: its placeholder values would make a dot segment of the downstream path")]
        public static partial void PathLeavesRoute(ILogger logger, string route);
    }
}
