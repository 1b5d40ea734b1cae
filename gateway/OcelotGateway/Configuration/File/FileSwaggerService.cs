namespace OcelotGateway.Configuration.File;

public sealed class FileSwaggerService
{
    public string? Name { get; set; }
    public string? Path { get; set; }
}
