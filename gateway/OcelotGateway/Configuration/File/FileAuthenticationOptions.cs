namespace OcelotGateway.Configuration.File;

public sealed class FileAuthenticationOptions
{
    public string? AuthenticationProviderKey { get; set; }
    public List<string>? AuthenticationProviderKeys { get; set; }
    public List<string>? AllowedScopes { get; set; }
    public bool? AllowAnonymous { get; set; }
    public List<string>? RouteKeys { get; set; }
}
