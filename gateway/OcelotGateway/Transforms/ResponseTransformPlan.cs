namespace OcelotGateway.Transforms;

/// <summary>What a route changes on the response returned to the client (<c>DownstreamHeaderTransform</c>).</summary>
public sealed class ResponseTransformPlan
{
    public static readonly ResponseTransformPlan None = new([]);

    public ResponseTransformPlan(IReadOnlyList<HeaderTransform> headerTransforms)
    {
        HeaderTransforms = headerTransforms;
    }

    public IReadOnlyList<HeaderTransform> HeaderTransforms { get; }

    public bool IsEmpty => HeaderTransforms.Count == 0;
}
