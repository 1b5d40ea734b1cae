namespace OcelotGateway.Configuration.File;

public sealed class FileSwaggerEndPointConfig
{
    public string? Name { get; set; }
    public string? Version { get; set; }
    public string? Url { get; set; }
    public FileSwaggerService? Service { get; set; }
}
