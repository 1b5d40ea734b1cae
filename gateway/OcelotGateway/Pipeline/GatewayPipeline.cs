using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Caching;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.Observability;
using OcelotGateway.RateLimiting;
using OcelotGateway.Resilience;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Forwarding;
using OcelotGateway.Security;

namespace OcelotGateway.Pipeline;

/// <summary>
/// The order of the gateway's steps for a matched route, in one place. Each step reads the request's compiled route
/// (<see cref="Routing.GatewayRouteFeature"/>) and does nothing when its policy is off. YARP's forwarder runs after the last step.
/// Steps that only act when a route has a policy sit in groups a route without any of those policies skips with one check,
/// rather than passing through each of them.
/// </summary>
internal static class GatewayPipeline
{
    public static void Configure(IReverseProxyApplicationBuilder pipeline)
    {
        // Also answers failed downstream calls (ForwarderErrorAnswer), after every step below has run.
        pipeline.UseMiddleware<RequestObservationStep>();
        // Before every step that can refuse a request, so refusals are logged and answered with the request id too.
        pipeline.UseMiddleware<RequestIdStep>();
        pipeline.UseWhen(HasAdmissionPolicy, admission =>
        {
            admission.UseMiddleware<IpFilterStep>();
            admission.UseMiddleware<RateLimitingStep>();
            admission.UseMiddleware<AuthenticationStep>();
            admission.UseMiddleware<AuthorizationStep>();
        });
        // After authorization (claims may fill path placeholders), before anything is sent or looked up downstream.
        pipeline.UseMiddleware<ForwardableRequestStep>();
        pipeline.UseMiddleware<RetryStep>();
        pipeline.UseLoadBalancing();
        pipeline.UseWhen(HasResponsePolicy, response =>
        {
            // After load balancing (the chosen host is part of the cache key), before QoS (a hit never reaches the breaker).
            response.UseMiddleware<AsyncReplyStep>();
            response.UseMiddleware<ResponseCacheStep>();
            response.UseMiddleware<QoSStep>();
        });
        // Last before the forwarder: times and classifies each downstream attempt (recorded by the nearest step that awaits it).
        pipeline.UseMiddleware<DownstreamObservationStep>();
    }

    /// <summary>Whether any step that may refuse the request before it is forwarded has work on this route.</summary>
    private static bool HasAdmissionPolicy(HttpContext context) =>
        context.Features.Get<GatewayRouteFeature>()?.Route is not { } route
        || route.IpFilter is not null || route.RateLimit is not null || route.Authentication is not null || route.Authorization is not null;

    /// <summary>Whether any step that may answer instead of the downstream service, or guard the call, has work on this route.</summary>
    private static bool HasResponsePolicy(HttpContext context) =>
        context.Features.Get<GatewayRouteFeature>()?.Route is not { } route
        || route.AsyncReply is not null || route.Cache is not null || route.QoS is not null;
}
