using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// <c>ServiceDiscoveryProvider</c> and what depends on it: this gateway implements Consul (blocking queries) and PollConsul;
/// Ocelot's other providers are rejected rather than failing every request with 404 as Ocelot would.
/// </summary>
internal static class ServiceDiscoveryRules
{
    private const string Provider = nameof(FileGlobalConfiguration.ServiceDiscoveryProvider);

    public static void Check(ValidationInput input)
    {
        var provider = input.Global.ServiceDiscoveryProvider;
        if (provider is not null)
        {
            CheckProvider(provider, input.ForGlobal().Nested(Provider));
        }

        if (!input.Context.ServiceDiscoveryAvailable)
        {
            CheckUsesWithoutDiscovery(input, provider);
        }

        if (input.DynamicRoutes.Count > 0 && input.Routes.Count > 0)
        {
            input.ForDynamicRoute(0).Warning(
                input.DynamicSection,
                $"ignored: {input.DynamicSection} apply only to dynamic routing, which is off while there are static {input.RouteSection}");
        }
    }

    private static void CheckProvider(FileServiceDiscoveryProvider provider, ProblemScope scope)
    {
        var type = provider.Type?.Trim();
        var polling = string.Equals(type, "PollConsul", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(type) && !polling && !string.Equals(type, "Consul", StringComparison.OrdinalIgnoreCase))
        {
            scope.Error(nameof(FileServiceDiscoveryProvider.Type), $"'{provider.Type}' is not supported by this gateway; expected Consul or PollConsul (blank means Consul)");
        }

        if (polling && provider.PollingInterval <= 0)
        {
            scope.Error(nameof(FileServiceDiscoveryProvider.PollingInterval), "PollConsul needs PollingInterval above 0 (milliseconds between polls)");
        }

        if (provider.Port is < 0 or > 65535)
        {
            scope.Error(nameof(FileServiceDiscoveryProvider.Port), $"{provider.Port} is out of range; expected 1-65535, or 0 for Consul's 8500");
        }

        if (!string.IsNullOrWhiteSpace(provider.Scheme)
            && !string.Equals(provider.Scheme.Trim(), "http", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(provider.Scheme.Trim(), "https", StringComparison.OrdinalIgnoreCase))
        {
            scope.Error(nameof(FileServiceDiscoveryProvider.Scheme), $"unknown scheme '{provider.Scheme}'; expected http or https");
        }
    }

    private static void CheckUsesWithoutDiscovery(ValidationInput input, FileServiceDiscoveryProvider? provider)
    {
        const string Missing = "needs service discovery, but no discovery provider is registered in this gateway";
        for (var i = 0; i < input.Routes.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(input.Routes[i].ServiceName))
            {
                input.ForRoute(i).Error(nameof(FileRoute.ServiceName), Missing + "; list the hosts in DownstreamHostAndPorts instead");
            }
        }

        for (var i = 0; i < input.DynamicRoutes.Count; i++)
        {
            input.ForDynamicRoute(i).Error(nameof(FileDynamicRoute.ServiceName), Missing);
        }

        // Ocelot switches to dynamic routing when there are no static routes and the provider has a host and a port.
        if (input.Routes.Count == 0 && !string.IsNullOrWhiteSpace(provider?.Host) && provider.Port > 0)
        {
            input.ForGlobal().Error(Provider, "dynamic routing (no Routes, a provider with Host and Port) " + Missing);
        }
    }
}
