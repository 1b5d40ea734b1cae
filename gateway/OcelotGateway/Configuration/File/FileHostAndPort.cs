namespace OcelotGateway.Configuration.File;

public sealed class FileHostAndPort
{
    public string? Host { get; set; }

    /// <summary>0 or less keeps the port of the incoming request.</summary>
    public int Port { get; set; }
}
