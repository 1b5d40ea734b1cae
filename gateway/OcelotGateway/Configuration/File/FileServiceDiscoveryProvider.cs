namespace OcelotGateway.Configuration.File;

public sealed class FileServiceDiscoveryProvider
{
    public string? Scheme { get; set; }
    public string? Host { get; set; }
    public int Port { get; set; }

    /// <summary><c>Consul</c> (blocking queries) or <c>PollConsul</c>; case-insensitive; blank means Consul.</summary>
    public string? Type { get; set; }
    public string? Token { get; set; }
    public string? ConfigurationKey { get; set; }

    /// <summary>Milliseconds between polls for <c>PollConsul</c> and for configuration stored in Consul KV.</summary>
    public int PollingInterval { get; set; }
    public string? Namespace { get; set; }
}
