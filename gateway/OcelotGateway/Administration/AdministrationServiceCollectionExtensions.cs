using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Administration.Console;
using OcelotGateway.Administration.Explain;

namespace OcelotGateway.Administration;

internal static class AdministrationServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>Gateway:Administration</c> at start-up (a named scheme must be declared under
    /// <c>Authentication:Schemes</c>); the API stays off without an API key or scheme.
    /// </summary>
    public static IServiceCollection AddGatewayAdministration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdministrationOptions>()
            .Bind(configuration.GetSection(AdministrationOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                o => string.IsNullOrEmpty(o.AuthenticationScheme) || configuration.GetSection("Authentication:Schemes:" + o.AuthenticationScheme).Exists(),
                "Gateway:Administration:AuthenticationScheme must name a scheme declared under Authentication:Schemes.")
            .ValidateOnStart();
        services.AddSingleton<ConfigurationReplacer>();
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.SectionName));
        services.AddSingleton<RouteExplainer>();
        services.AddSingleton<ReloadHistory>();
        services.AddSingleton<TrafficSampler>();
        services.AddSingleton<ConsoleStatus>();
        return services;
    }
}
