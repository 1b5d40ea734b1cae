using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Samples.ServiceDefaults.Consul;

internal static class ConsulRegistrationExtensions
{
    /// <summary>Binds and validates section <c>Consul</c> (at start-up) and adds the registration service; it idles while no address is set.</summary>
    public static IServiceCollection AddConsulRegistration(this IServiceCollection services, IConfiguration configuration, string defaultServiceName)
    {
        services.AddOptions<ConsulRegistrationOptions>()
            .Bind(configuration.GetSection(ConsulRegistrationOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.ServiceName))
                {
                    options.ServiceName = defaultServiceName;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsulRegistrationOptions>, ConsulRegistrationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<ConsulAgentClient>((provider, client) =>
        {
            var options = provider.GetRequiredService<IOptions<ConsulRegistrationOptions>>().Value;
            if (options.IsEnabled)
            {
                client.BaseAddress = new Uri(options.Address!.TrimEnd('/') + "/");
            }

            client.Timeout = options.RequestTimeout;
        });
        services.AddHostedService<ConsulRegistrationService>();
        return services;
    }
}
