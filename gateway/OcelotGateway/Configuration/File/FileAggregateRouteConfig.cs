namespace OcelotGateway.Configuration.File;

public sealed class FileAggregateRouteConfig
{
    public string? RouteKey { get; set; }
    public string? ReRouteKey { get; set; }
    public string? JsonPath { get; set; }
    public string? Parameter { get; set; }
}
