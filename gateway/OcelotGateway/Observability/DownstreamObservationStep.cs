using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Observability;

/// <summary>
/// The last step before YARP's forwarder, so it sees each downstream attempt (retries included): its duration and, when it
/// failed, the kind of failure. Cancellations are left out: a client abort is not a downstream error, and a QoS timeout is
/// counted by the QoS step that caused it.
/// </summary>
internal sealed class DownstreamObservationStep
{
    private readonly RequestDelegate _next;
    private readonly GatewayMetrics _metrics;

    public DownstreamObservationStep(RequestDelegate next, GatewayMetrics metrics)
    {
        _next = next;
        _metrics = metrics;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        if (feature is null)
        {
            await _next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await _next(context);
        var metrics = _metrics.For(feature.Route);
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
