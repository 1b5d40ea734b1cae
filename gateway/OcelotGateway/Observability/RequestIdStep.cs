using Microsoft.AspNetCore.Http;
using OcelotGateway.Routing;

namespace OcelotGateway.Observability;

/// <summary>
/// Ocelot's <c>RequestIdKey</c>: the incoming header value is kept (or a new id made), sent downstream and back to the client,
/// and attached to every log line written while the request is handled.
/// </summary>
internal sealed class RequestIdStep
{
    private readonly RequestDelegate _next;

    public RequestIdStep(RequestDelegate next)
    {
        _next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        if (feature?.Route.RequestIdKey is not { } key)
        {
            return _next(context);
        }

        var requestId = RequestIds.Resolve(context, key);
        feature.RequestId = requestId;

        // Answers the gateway makes itself (401, 403, 429, 502...) carry the id too; a proxied response sets it again.
        // Log lines pick the id up from the request's log scope (RequestObservationStep), which reads it from the feature.
        context.Response.Headers[key] = requestId;
        return _next(context);
    }
}
