using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Observability;

/// <summary>
/// The last step before YARP's forwarder, so it sees each downstream attempt (retries included): its duration and, when it
/// failed, the kind of failure. Cancellations are left out: a client abort is not a downstream error, and a QoS timeout is
/// counted by the QoS step that caused it. The step only notes when the attempt starts and awaits nothing: the attempt is
/// recorded by <see cref="Complete"/>, called by the nearest step that awaits it (retry, QoS, else request observation)
/// before that step changes the response.
/// </summary>
internal sealed class DownstreamObservationStep
{
    private readonly RequestDelegate _next;

    public DownstreamObservationStep(RequestDelegate next)
    {
        _next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<GatewayRouteFeature>() is { } feature)
        {
            feature.DownstreamAttemptStarted = Stopwatch.GetTimestamp();
        }

        return _next(context);
    }

    /// <summary>Records the attempt under way, if any, once: its duration, and its failure unless it was a cancellation.</summary>
    public static void Complete(HttpContext context, GatewayRouteFeature feature, GatewayMetrics gatewayMetrics)
    {
        if (feature.DownstreamAttemptStarted is not (> 0 and var started))
        {
            return;
        }

        feature.DownstreamAttemptStarted = 0;
        var metrics = gatewayMetrics.For(feature.Route);
        if (context.Features.Get<IForwarderErrorFeature>() is { } error)
        {
            if (error.Error is not ForwarderError.NoAvailableDestinations)
            {
                metrics.DownstreamDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }

            if (!IsCancellation(error.Error))
            {
                metrics.DownstreamErrors(DownstreamErrorKind.From(error.Error, error.Exception)).Inc();
            }

            return;
        }

        metrics.DownstreamDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            metrics.DownstreamErrors(DownstreamErrorKind.ServerError).Inc();
        }
    }

    private static bool IsCancellation(ForwarderError error) =>
        error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
            or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeResponseCanceled
            or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient
            or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseClient;
}
