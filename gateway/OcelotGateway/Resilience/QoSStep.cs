using Microsoft.AspNetCore.Http;
using OcelotGateway.Errors;
using OcelotGateway.Observability;
using OcelotGateway.Routing;
using Polly.CircuitBreaker;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.Resilience;

/// <summary>
/// Ocelot's QoS around the downstream call: an open circuit answers 503 without calling downstream, and a call without
/// response headers within the QoS timeout answers 504 and counts as a failure. The timeout stops once headers arrive,
/// so a long download is not cut off. Only downstream outcomes feed the breaker: a request for which load balancing found no
/// instance (service discovery reports none passing) never reaches downstream, so it bypasses the breaker and gets the
/// forwarder's own 503 — a Consul outage or an empty service must not open the circuit for its whole break once instances return.
/// </summary>
internal sealed class QoSStep
{
    private readonly RequestDelegate _next;
    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;

    public QoSStep(RequestDelegate next, GatewayMetrics metrics, TimeProvider time)
    {
        _next = next;
        _metrics = metrics;
        _time = time;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        return feature?.Route.QoS is { } breaker && HasDestination(context) ? InvokeWithQoSAsync(context, feature, breaker) : _next(context);
    }

    private static bool HasDestination(HttpContext context) =>
        context.Features.Get<IReverseProxyFeature>() is not { } proxy || proxy.AvailableDestinations.Count > 0;

    private async Task InvokeWithQoSAsync(HttpContext context, GatewayRouteFeature feature, RouteBreaker breaker)
    {
        ForwardOutcome outcome;
        try
        {
            outcome = breaker.Pipeline is { } pipeline
                ? await pipeline.ExecuteAsync(static (state, _) => state.Step.ForwardAsync(state.Context, state.Feature, state.Breaker), (Step: this, Context: context, Feature: feature, Breaker: breaker), context.RequestAborted)
                : await ForwardAsync(context, feature, breaker);
        }
        catch (BrokenCircuitException)
        {
            _metrics.DownstreamFailed(feature.Route, DownstreamErrorKind.CircuitOpen);
            await ProblemResponse.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                "Service Unavailable",
                "Circuit breaker is open for route -> " + breaker.RouteName + ".",
                context.RequestAborted);
            return;
        }

        if (outcome.TimedOut)
        {
            // The forwarder saw a cancellation; it was our timeout, not the client, so answer as a gateway timeout.
            context.Features.Set<IForwarderErrorFeature>(null);
            _metrics.DownstreamFailed(feature.Route, DownstreamErrorKind.Timeout);
            await ForwarderErrorAnswer.WriteTimeoutAsync(context, breaker.RouteName);
        }
    }

    private async ValueTask<ForwardOutcome> ForwardAsync(HttpContext context, GatewayRouteFeature feature, RouteBreaker breaker)
    {
        if (breaker.Settings.Timeout is not { } timeout)
        {
            await _next(context);
            DownstreamObservationStep.Complete(context, feature, _metrics);
            return Outcome(context, timedOut: false);
        }

        var deadline = RouteDeadline.Arm(context, timeout, _time);
        feature.DownstreamDeadline = deadline;
        try
        {
            await _next(context);
            DownstreamObservationStep.Complete(context, feature, _metrics);
        }
        finally
        {
            feature.DownstreamDeadline = null;
            deadline.Release(context);
        }

        return Outcome(context, timedOut: deadline.TimedOut && !context.Response.HasStarted);
    }

    private static ForwardOutcome Outcome(HttpContext context, bool timedOut) =>
        new(context.Response.StatusCode, context.Features.Get<IForwarderErrorFeature>()?.Error, timedOut);
}
