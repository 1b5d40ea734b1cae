namespace OcelotGateway.Caching;

/// <summary>
/// Set by the cache step on a miss; the caching response transform marks it when downstream response headers arrived. A
/// response without that mark was made by the gateway itself (QoS timeout, open circuit...) and is never cached.
/// </summary>
internal sealed class ResponseCaptureFeature
{
    public bool DownstreamAnswered { get; set; }
}
