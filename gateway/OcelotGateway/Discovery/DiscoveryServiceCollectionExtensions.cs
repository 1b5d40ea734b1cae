using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OcelotGateway.Discovery.ConfigurationStore;
using OcelotGateway.Discovery.Consul;

namespace OcelotGateway.Discovery;

public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers Consul service discovery (routes with <c>ServiceName</c>, dynamic routing) and the configuration stored in
    /// Consul KV. Call after the configuration manager is registered: the discovery coordinator must start after it.
    /// </summary>
    public static IServiceCollection AddGatewayDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscoveryOptions>()
            .Bind(configuration.GetSection(DiscoveryOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscoveryOptions>, DiscoveryOptionsValidator>());
        services.AddSingleton(sp => DynamicRoutingFilter.From(sp.GetRequiredService<IOptions<DiscoveryOptions>>().Value));

        // Blocking queries are long by design: the client has no overall timeout (each call sets its own deadline), and the
        // factory's per-request logging would log every 30-second wait.
        services.AddHttpClient(ConsulClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<ServiceInstanceCache>();
        services.AddSingleton<ConsulConfigurationStore>();
        services.AddSingleton<ServiceDiscoveryCoordinator>();
        services.AddHostedService(sp => sp.GetRequiredService<ServiceDiscoveryCoordinator>());
        services.AddHostedService<ConsulConfigurationWatcher>();
        return services;
    }
}
