namespace OcelotGateway.Hosting;

/// <summary>Where the gateway takes its route configuration from (<c>Gateway:ConfigurationSource</c>).</summary>
public enum GatewayConfigurationSource
{
    /// <summary>The route folder (<c>Gateway:ConfigFolder</c>), re-read when a file changes. The default.</summary>
    Files,

    /// <summary>
    /// Consul KV, as Ocelot's <c>AddConfigStoredInConsul</c>: the key <c>ServiceDiscoveryProvider.ConfigurationKey</c>
    /// (default <c>InternalConfiguration</c>) on the Consul named by the route folder's <c>ServiceDiscoveryProvider</c>. It is
    /// read at start-up (seeded from the route folder when absent) and watched, so every instance of a fleet follows one key.
    /// </summary>
    Consul,
}
