using OcelotGateway.Observability.Tracing;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace OcelotGateway.Routing.Forwarding;

/// <summary>
/// Adds the same two transforms to every gateway route: they read the request's <see cref="GatewayRouteFeature"/>, so one
/// instance serves all routes and a reload needs no new transform objects.
/// </summary>
internal sealed class OcelotTransformProvider : ITransformProvider
{
    private readonly Func<RequestTransformContext, ValueTask> _requestTransform;

    public OcelotTransformProvider(DownstreamTracePropagation propagation)
    {
        _requestTransform = propagation.ByGateway
            ? context =>
            {
                DownstreamTracePropagation.Inject(context.ProxyRequest, context.HttpContext.Request.Headers);
                return DownstreamRequestTransform.ApplyAsync(context);
            }
            : DownstreamRequestTransform.ApplyAsync;
    }

    /// <summary>Route metadata carrying the compiled <c>AddForwardedHeaders</c> of the route ("true" or "false").</summary>
    public const string ForwardedHeadersMetadataKey = "ocelot-forwarded-headers";

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        // Ocelot adds no X-Forwarded-* headers; YARP adds them unless told not to, so only routes that opt in keep them.
        // The client's own X-Forwarded-* headers pass through unchanged either way, as any other header does in Ocelot.
        context.UseDefaultForwarders = context.Route.Metadata is { } metadata
            && metadata.TryGetValue(ForwardedHeadersMetadataKey, out var forwarded)
            && forwarded == "true";

        // Ocelot sends the downstream host as Host; YARP's default of not copying the upstream Host matches that.
        context.AddRequestTransform(_requestTransform);
        context.AddResponseTransform(UpstreamResponseTransform.ApplyAsync);
    }
}
