using OcelotGateway.Configuration.File;

namespace OcelotGateway.Discovery.Consul;

/// <summary>
/// Where Consul's HTTP API is and how to call it, from <c>GlobalConfiguration.ServiceDiscoveryProvider</c> with Ocelot's
/// defaults: scheme <c>http</c>, host <c>localhost</c>, port 8500 when 0 or less.
/// </summary>
internal sealed record ConsulEndpoint(Uri BaseAddress, string? Token, string? Namespace)
{
    public const int DefaultPort = 8500;

    public static ConsulEndpoint From(FileServiceDiscoveryProvider? provider)
    {
        var scheme = string.IsNullOrWhiteSpace(provider?.Scheme) ? Uri.UriSchemeHttp : provider.Scheme.Trim().ToLowerInvariant();
        var host = string.IsNullOrWhiteSpace(provider?.Host) ? "localhost" : provider.Host.Trim();
        var port = provider is { Port: > 0 } ? provider.Port : DefaultPort;
        return new ConsulEndpoint(
            new UriBuilder(scheme, host, port).Uri,
            string.IsNullOrWhiteSpace(provider?.Token) ? null : provider.Token,
            string.IsNullOrWhiteSpace(provider?.Namespace) ? null : provider.Namespace.Trim());
    }

    /// <summary>The address only: the ACL token must never reach a log.</summary>
    public override string ToString() => BaseAddress.GetLeftPart(UriPartial.Authority);
}
