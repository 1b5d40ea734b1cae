namespace OcelotGateway.Configuration.File;

/// <summary>SwaggerForOcelot's <c>SwaggerEndPoints</c> entry.</summary>
public sealed class FileSwaggerEndPoint
{
    public string? Key { get; set; }
    public List<FileSwaggerEndPointConfig> Config { get; set; } = [];
    public bool? TransformByOcelotConfig { get; set; }
    public bool? RemoveUnusedComponentsFromScheme { get; set; }
    public bool? TakeServersFromDownstreamService { get; set; }
    public string? HostOverride { get; set; }
    public string? VersionPlaceholder { get; set; }
}
