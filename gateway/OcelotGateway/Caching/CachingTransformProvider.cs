using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace OcelotGateway.Caching;

/// <summary>Marks, for the cache step, that the downstream service answered (see <see cref="ResponseCaptureFeature"/>).</summary>
internal sealed class CachingTransformProvider : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context) => context.AddResponseTransform(static transform =>
    {
        if (transform.ProxyResponse is not null && transform.HttpContext.Features.Get<ResponseCaptureFeature>() is { } capture)
        {
            capture.DownstreamAnswered = true;
        }

        return ValueTask.CompletedTask;
    });
}
