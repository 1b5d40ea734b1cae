using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OcelotGateway.Administration;

internal static class AdministrationServiceCollectionExtensions
{
    /// <summary>Binds and validates <c>Gateway:Administration</c> at start-up; the API stays off without an API key.</summary>
    public static IServiceCollection AddGatewayAdministration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdministrationOptions>()
            .Bind(configuration.GetSection(AdministrationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
