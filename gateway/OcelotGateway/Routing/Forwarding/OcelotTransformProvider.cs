using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace OcelotGateway.Routing.Forwarding;

/// <summary>
/// Adds the same two transforms to every gateway route: they read the request's <see cref="GatewayRouteFeature"/>, so one
/// instance serves all routes and a reload needs no new transform objects.
/// </summary>
internal sealed class OcelotTransformProvider : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        // Ocelot sends the downstream host as Host; YARP's default of not copying the upstream Host matches that.
        context.AddRequestTransform(DownstreamRequestTransform.ApplyAsync);
        context.AddResponseTransform(UpstreamResponseTransform.ApplyAsync);
    }
}
