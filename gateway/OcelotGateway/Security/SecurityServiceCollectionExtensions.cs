using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OcelotGateway.Security;

internal static class SecurityServiceCollectionExtensions
{
    /// <summary>Client address resolution for IP filtering and the CORS policy, both validated at start-up.</summary>
    public static IServiceCollection AddGatewaySecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClientAddressOptions>()
            .Bind(configuration.GetSection(ClientAddressOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ClientAddressResolver>();

        services.AddOptions<GatewayCorsOptions>()
            .Bind(configuration.GetSection(GatewayCorsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<GatewayCorsOptions>>((cors, gateway) => cors.AddDefaultPolicy(policy => Build(policy, gateway.Value)));
        return services;
    }

    /// <summary>Answers pre-flights and adds CORS headers when <c>Gateway:Cors</c> is configured; does nothing otherwise.</summary>
    public static WebApplication UseGatewayCors(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<GatewayCorsOptions>>().Value.IsEnabled)
        {
            app.UseCors();
        }

        return app;
    }

    private static void Build(CorsPolicyBuilder policy, GatewayCorsOptions options)
    {
        if (options.AllowedOrigins.Contains("*"))
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins([.. options.AllowedOrigins.Select(o => o.TrimEnd('/'))]);
        }

        _ = options.AllowedMethods.Count == 0 ? policy.AllowAnyMethod() : policy.WithMethods([.. options.AllowedMethods]);
        _ = options.AllowedHeaders.Count == 0 ? policy.AllowAnyHeader() : policy.WithHeaders([.. options.AllowedHeaders]);
        if (options.ExposedHeaders.Count > 0)
        {
            policy.WithExposedHeaders([.. options.ExposedHeaders]);
        }

        if (options.AllowCredentials)
        {
            policy.AllowCredentials();
        }

        if (options.MaxAgeSeconds is { } seconds)
        {
            policy.SetPreflightMaxAge(TimeSpan.FromSeconds(seconds));
        }
    }
}
