using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Errors;

/// <summary>
/// Turns a failed downstream call (YARP's <see cref="IForwarderErrorFeature"/>) into Ocelot's status code with a problem+json
/// body: nothing listening or a broken connection 502, no instance available 503, no response in time 504, the client gone
/// 499; a request body Kestrel refused (malformed, too large, too slow) gets Kestrel's status (400, 413, 408). Called by
/// <see cref="Observability.RequestObservationStep"/>, which awaits every request anyway: a request that succeeds pays for
/// no step of its own here.
/// </summary>
internal sealed partial class ForwarderErrorAnswer
{
    /// <summary>nginx's and Ocelot's status for "client closed request"; no body is written as nobody is listening.</summary>
    public const int ClientClosedRequest = 499;

    private readonly ILogger<ForwarderErrorAnswer> _logger;

    public ForwarderErrorAnswer(ILogger<ForwarderErrorAnswer> logger)
    {
        _logger = logger;
    }

    /// <summary>Answers the client for the failed call <paramref name="error"/> describes.</summary>
    public async Task AnswerAsync(HttpContext context, IForwarderErrorFeature error)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        var compiled = feature?.Route;
        var route = compiled?.DisplayName ?? "(none)";
        if (feature?.Deadline is { TimedOut: true })
        {
            // The route's Timeout cancelled the call: the forwarder reports a cancellation,
            // but the client is still there waiting for Ocelot's timeout status.
            Log.DownstreamFailed(_logger, route, error.Error, StatusCodes.Status504GatewayTimeout, null, "route timeout elapsed");
            if (!context.Response.HasStarted)
            {
                await WriteTimeoutAsync(context, compiled?.UpstreamPath.Template ?? route);
            }

            return;
        }

        if (ClientRequestError(error.Exception) is { } badRequest)
        {
            // Kestrel refused the request body as it streamed (over MaxRequestBodySize, malformed chunked framing, too slow):
            // the client is there and should learn why. The downstream call was aborted mid-body, never completed.
            var (bodyTitle, bodyDetail) = BadRequestBody.Describe(badRequest.StatusCode);
            Log.DownstreamFailed(_logger, route, error.Error, badRequest.StatusCode, nameof(BadHttpRequestException), bodyDetail);
            await ProblemResponse.WriteAsync(context, badRequest.StatusCode, bodyTitle, bodyDetail, CancellationToken.None);
            return;
        }

        if (error.Error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
            or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled or ForwarderError.RequestBodyClient
            or ForwarderError.ResponseBodyClient)
        {
            Log.ClientAborted(_logger, route, error.Error);
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }

            return;
        }

        var (status, title, detail) = error.Error switch
        {
            ForwarderError.NoAvailableDestinations =>
                (StatusCodes.Status503ServiceUnavailable, "Service Unavailable", "No downstream instance is available for this route."),
            ForwarderError.RequestTimedOut =>
                (StatusCodes.Status504GatewayTimeout, "Gateway Timeout", "The downstream service did not answer within the route's timeout."),
            ForwarderError.RequestCreation =>
                (StatusCodes.Status500InternalServerError, "Internal Server Error", "The downstream request could not be created."),
            _ => (StatusCodes.Status502BadGateway, "Bad Gateway", "The downstream service could not be reached or broke the connection."),
        };

        Log.DownstreamFailed(_logger, route, error.Error, status, error.Exception?.GetType().Name, error.Exception?.Message);
        await ProblemResponse.WriteAsync(context, status, title, detail, context.RequestAborted);
    }

    /// <summary>Ocelot's answer when a route's timeout or QoS timeout runs out, naming the route by its upstream template.</summary>
    public static Task WriteTimeoutAsync(HttpContext context, string routeName) =>
        ProblemResponse.WriteAsync(context, StatusCodes.Status504GatewayTimeout, "Gateway Timeout", "Request timeout for route -> " + routeName + ".", CancellationToken.None);

    /// <summary>YARP wraps Kestrel's refusal of a request body in its own exceptions; look through them.</summary>
    private static BadHttpRequestException? ClientRequestError(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is BadHttpRequestException badRequest)
            {
                return badRequest;
            }
        }

        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
            Message = "Downstream call of {Route} failed with {ForwarderError}; answered {StatusCode} ({ExceptionType}: {ExceptionMessage})")]
        public static partial void DownstreamFailed(ILogger logger, string route, ForwarderError forwarderError, int statusCode, string? exceptionType, string? exceptionMessage);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Client closed the request on {Route} ({ForwarderError})")]
        public static partial void ClientAborted(ILogger logger, string route, ForwarderError forwarderError);
    }
}
