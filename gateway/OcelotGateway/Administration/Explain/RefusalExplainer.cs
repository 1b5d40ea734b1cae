using Microsoft.AspNetCore.Http;
using OcelotGateway.RateLimiting;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Forwarding;
using OcelotGateway.Security;

namespace OcelotGateway.Administration.Explain;

/// <summary>
/// The refusals a request decides by itself on its route, asked of the steps' own checks in the pipeline's order: the IP
/// lists (403), rate limiting without a client id (503), then whether the request can be forwarded as sent (400). Whether a
/// token is valid or a client is over its limit is not known to an explanation, so those steps never refuse here.
/// </summary>
internal static class RefusalExplainer
{
    /// <summary>Sets the feature's downstream target when the request can be forwarded; returns the first refusal, or null.</summary>
    public static ExplainedRefusal? Explain(HttpContext context, GatewayRouteFeature feature, ClientAddressResolver clients)
    {
        var route = feature.Route;

        // Built first and always, so the downstream request is shown even when an earlier step refuses this client.
        var unforwardable = ForwardableRequestStep.Prepare(context.Request, feature);
        if (route.IpFilter is { } ipFilter && !ipFilter.Permits(clients.Resolve(context)))
        {
            return new ExplainedRefusal(StatusCodes.Status403Forbidden, "ip filter", IpFilterStep.RefusalDetail);
        }

        if (route.RateLimit is { } rateLimit && context.Request.Headers[rateLimit.ClientIdHeader].ToString().Length == 0)
        {
            return new ExplainedRefusal(StatusCodes.Status503ServiceUnavailable, "rate limit", RateLimitingStep.UnidentifiedClientDetail(rateLimit));
        }

        return unforwardable is null ? null : new ExplainedRefusal(StatusCodes.Status400BadRequest, "forwardable request", unforwardable.Detail);
    }
}
