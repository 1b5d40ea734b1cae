namespace OcelotGateway.Configuration.File;

/// <summary>One upstream path answered by several routes at once.</summary>
public sealed class FileAggregateRoute
{
    public List<string> RouteKeys { get; set; } = [];
    public List<string> ReRouteKeys { get; set; } = [];
    public List<FileAggregateRouteConfig> RouteKeysConfig { get; set; } = [];
    public List<FileAggregateRouteConfig> ReRouteKeysConfig { get; set; } = [];
    public string? UpstreamPathTemplate { get; set; }
    public string? UpstreamHost { get; set; }
    public Dictionary<string, string> UpstreamHeaderTemplates { get; set; } = [];
    public List<string> UpstreamHttpMethod { get; set; } = [];
    public bool? RouteIsCaseSensitive { get; set; }
    public bool? ReRouteIsCaseSensitive { get; set; }
    public int? Priority { get; set; }
    public string? Aggregator { get; set; }
    public string? Description { get; set; }

    /// <summary>
    /// Our extension (not in Ocelot): route keys whose failure must not fail the aggregate. Listing any switches the aggregate
    /// to checked parts: a failed optional part becomes <c>null</c> plus an entry under <c>errors</c>, a failed required part
    /// (every key not listed) fails the whole aggregate. Empty keeps Ocelot's behaviour.
    /// </summary>
    public List<string> RouteKeysOptional { get; set; } = [];
}
