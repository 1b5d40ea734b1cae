using Microsoft.AspNetCore.Builder;
using OcelotGateway.Caching;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.Observability;
using OcelotGateway.RateLimiting;
using OcelotGateway.Resilience;
using OcelotGateway.Routing.Forwarding;
using OcelotGateway.Security;

namespace OcelotGateway.Pipeline;

/// <summary>
/// The order of the gateway's steps for a matched route, in one place. Each step reads the request's compiled route
/// (<see cref="Routing.GatewayRouteFeature"/>) and does nothing when its policy is off. YARP's forwarder runs after the last step.
/// </summary>
internal static class GatewayPipeline
{
    public static void Configure(IReverseProxyApplicationBuilder pipeline)
    {
        // Also answers failed downstream calls (ForwarderErrorAnswer), after every step below has run.
        pipeline.UseMiddleware<RequestObservationStep>();
        // Before every step that can refuse a request, so refusals are logged and answered with the request id too.
        pipeline.UseMiddleware<RequestIdStep>();
        pipeline.UseMiddleware<IpFilterStep>();
        pipeline.UseMiddleware<RateLimitingStep>();
        pipeline.UseMiddleware<AuthenticationStep>();
        pipeline.UseMiddleware<AuthorizationStep>();
        // After authorization (claims may fill path placeholders), before anything is sent or looked up downstream.
        pipeline.UseMiddleware<ForwardableRequestStep>();
        pipeline.UseMiddleware<RetryStep>();
        pipeline.UseLoadBalancing();
        // After load balancing (the chosen host is part of the cache key), before QoS (a hit never reaches the breaker).
        pipeline.UseMiddleware<AsyncReplyStep>();
        pipeline.UseMiddleware<ResponseCacheStep>();
        pipeline.UseMiddleware<QoSStep>();
        // Last before the forwarder: times and classifies each downstream attempt (recorded by the nearest step that awaits it).
        pipeline.UseMiddleware<DownstreamObservationStep>();
    }
}
