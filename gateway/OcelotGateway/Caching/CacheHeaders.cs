namespace OcelotGateway.Caching;

/// <summary>Response headers telling operators what the cache did.</summary>
public static class CacheHeaders
{
    /// <summary><c>HIT</c> when the response came from the cache (or from a concurrent identical request), else <c>MISS</c>.</summary>
    public const string Cache = "X-Cache";

    public const string Hit = "HIT";

    public const string Miss = "MISS";
}
