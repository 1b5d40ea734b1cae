namespace OcelotGateway.Transforms;

/// <summary>What a route changes on the downstream request besides its URL, compiled once per configuration.</summary>
public sealed class RequestTransformPlan
{
    public static readonly RequestTransformPlan None = new([], [], []);

    public RequestTransformPlan(
        IReadOnlyList<HeaderTransform> headerTransforms,
        IReadOnlyList<ValueSource> addHeaders,
        IReadOnlyList<ValueSource> addQueries)
    {
        HeaderTransforms = headerTransforms;
        AddHeaders = addHeaders;
        AddQueries = addQueries;
        IsEmpty = headerTransforms.Count == 0 && addHeaders.Count == 0 && addQueries.Count == 0;
    }

    public IReadOnlyList<HeaderTransform> HeaderTransforms { get; }

    public IReadOnlyList<ValueSource> AddHeaders { get; }

    public IReadOnlyList<ValueSource> AddQueries { get; }

    public bool IsEmpty { get; }
}
