namespace OcelotGateway.Routing;

/// <summary>Which of Ocelot's route conditions a request fails; the matcher stops at the first, <c>explain</c> reports them all.</summary>
[Flags]
internal enum UpstreamMismatch
{
    /// <summary>The route matches the request.</summary>
    None = 0,

    /// <summary>The method is not in <c>UpstreamHttpMethod</c>.</summary>
    Method = 1,

    /// <summary>The route has an <c>UpstreamHost</c> and the request's host differs.</summary>
    Host = 2,

    /// <summary>The path (and query, for a template with one) does not fit <c>UpstreamPathTemplate</c>.</summary>
    Path = 4,

    /// <summary>A header of <c>UpstreamHeaderTemplates</c> is missing or does not fit its template.</summary>
    Headers = 8,
}
