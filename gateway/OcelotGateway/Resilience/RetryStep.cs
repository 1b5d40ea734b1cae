using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OcelotGateway.Errors;
using OcelotGateway.Observability;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.Resilience;

/// <summary>
/// Our retry extension (off by default): an idempotent request without a body is sent again, through load balancing, when
/// it could not connect or got 502/503/504 — after a jittered back-off and only while the route's retry budget allows.
/// A retryable response's body is held back (see the response transform) so a retry can still replace it.
/// </summary>
internal sealed class RetryStep
{
    private readonly RequestDelegate _next;
    private readonly GatewayMetrics _metrics;

    public RetryStep(RequestDelegate next, GatewayMetrics metrics)
    {
        _next = next;
        _metrics = metrics;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        if (feature?.Route.Retry is not { } retry)
        {
            return _next(context);
        }

        retry.Budget.RecordRequest();
        return IsReplayable(context.Request) ? InvokeWithRetriesAsync(context, feature, retry) : _next(context);
    }

    private static bool IsReplayable(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || HttpMethods.IsDelete(request.Method) || HttpMethods.IsTrace(request.Method))
        && request.ContentLength is null or 0
        && !request.Headers.ContainsKey("Transfer-Encoding");

    private async Task InvokeWithRetriesAsync(HttpContext context, GatewayRouteFeature feature, RouteRetry retry)
    {
        var attempt = new Attempt(this, context, feature, retry);
        var outcome = await retry.Pipeline.ExecuteAsync(static (state, _) => state.RunAsync(), attempt, context.RequestAborted);
        if (feature.RetryableBodySuppressed)
        {
            // The last attempt's body was held back for a retry the budget then refused.
            await ProblemResponse.WriteAsync(context, outcome.StatusCode, "Downstream Unavailable", "The downstream service failed and retries are exhausted.", context.RequestAborted);
        }
    }

    private sealed class Attempt
    {
        private readonly RetryStep _step;
        private readonly HttpContext _context;
        private readonly GatewayRouteFeature _feature;
        private readonly RouteRetry _retry;
        private readonly IReverseProxyFeature _proxy;
        private readonly IReadOnlyList<DestinationState> _destinations;
        private readonly KeyValuePair<string, StringValues>[] _headersBefore;
        private int _number;

        public Attempt(RetryStep step, HttpContext context, GatewayRouteFeature feature, RouteRetry retry)
        {
            _step = step;
            _context = context;
            _feature = feature;
            _retry = retry;
            _proxy = context.Features.Get<IReverseProxyFeature>()!;
            _destinations = _proxy.AvailableDestinations;
            _headersBefore = [.. context.Response.Headers];
        }

        public async ValueTask<ForwardOutcome> RunAsync()
        {
            if (_number++ > 0)
            {
                Reset();
            }

            _feature.MayRetry = _number <= _retry.Settings.MaxRetries && _retry.Budget.HasCapacity();
            _feature.RetryableBodySuppressed = false;
            await _step._next(_context);
            DownstreamObservationStep.Complete(_context, _feature, _step._metrics);
            var response = _context.Response;
            return new ForwardOutcome(
                response.StatusCode,
                _context.Features.Get<IForwarderErrorFeature>()?.Error,
                TimedOut: false,
                CanBeRetried: _feature.MayRetry && !response.HasStarted);
        }

        private void Reset()
        {
            var response = _context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.Headers.Clear();
            foreach (var (name, value) in _headersBefore)
            {
                response.Headers[name] = value;
            }

            _context.Features.Set<IForwarderErrorFeature>(null);
            _proxy.AvailableDestinations = _destinations;
        }
    }
}
