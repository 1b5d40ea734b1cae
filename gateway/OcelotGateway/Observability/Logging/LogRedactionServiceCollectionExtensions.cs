using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OcelotGateway.Observability.Logging;

internal static class LogRedactionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the redaction policy and wraps the logger factory registered so far (the host's, or Serilog's when
    /// <c>AddSerilog</c> ran before) so that every line passes through it.
    /// </summary>
    public static IServiceCollection AddGatewayLogRedaction(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(LogRedactor)))
        {
            return services;
        }

        services.AddOptions<LogRedactionOptions>()
            .Bind(configuration.GetSection(LogRedactionOptions.SectionName))
            .Validate(
                o => (o.QueryParameters ?? []).Concat(o.Properties ?? []).All(name => !string.IsNullOrWhiteSpace(name)),
                "Gateway:LogRedaction: QueryParameters and Properties must not hold empty names.")
            .ValidateOnStart();
        services.AddSingleton<LogRedactor>();

        services.AddLogging();
        var factory = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(factory);
        services.AddSingleton<ILoggerFactory>(sp =>
        {
            var inner = factory.ImplementationInstance as ILoggerFactory
                ?? factory.ImplementationFactory?.Invoke(sp) as ILoggerFactory
                ?? (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, factory.ImplementationType!);

            // An instance the host registered is the host's to dispose; one built here is ours.
            return new RedactingLoggerFactory(inner, ownsInner: factory.ImplementationInstance is null, sp.GetRequiredService<LogRedactor>());
        });
        return services;
    }
}
