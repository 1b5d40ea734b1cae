using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Configuration.Validation;
using OcelotGateway.Discovery;
using OcelotGateway.Errors;
using OcelotGateway.LoadBalancing;
using OcelotGateway.Observability;
using OcelotGateway.Observability.Logging;
using OcelotGateway.Observability.Tracing;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Forwarding;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.LoadBalancing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using OcelotGateway.Administration;
using OcelotGateway.Aggregation;
using OcelotGateway.Bounds;
using OcelotGateway.Caching;
using OcelotGateway.RateLimiting;
using OcelotGateway.Redis;
using OcelotGateway.Resilience;
using OcelotGateway.Security;
using OcelotGateway.Swagger;

namespace OcelotGateway.Hosting;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers the gateway: route-file loading and hot reload, YARP fed by the compiled configuration, Ocelot's route
    /// matching, and health checks. Works in any ASP.NET Core host; pair it with <c>MapOcelotGateway</c>.
    /// </summary>
    public static IServiceCollection AddOcelotGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>()
            .Bind(configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // First: every logger resolved from here on redacts secrets.
        services.AddGatewayLogRedaction(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RouteFileLoader>();
        services.AddSingleton<ConfigurationValidator>();
        services.AddSingleton<ConfigurationCompiler>();
        services.AddSingleton<CompilationDryRun>();
        services.AddSingleton<CircuitBreakerRegistry>();
        services.AddSingleton<RetryRegistry>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<ForwarderErrorAnswer>();
        services.AddSingleton<CompiledRouteRegistry>();
        services.AddSingleton<GatewayConfigurationState>();
        services.AddSingleton<GatewayProxyConfigProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<GatewayProxyConfigProvider>());
        services.AddSingleton<GatewayConfigurationManager>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayConfigurationManager>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, OcelotRouteMatcherPolicy>());
        services.AddOptions<LoadBalancingOptions>()
            .Bind(configuration.GetSection(LoadBalancingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<CookieStickySessionPolicy>();
        services.AddSingleton<ILoadBalancingPolicy>(sp => sp.GetRequiredService<CookieStickySessionPolicy>());
        services.AddSingleton<DownstreamTracePropagation>();
        services.AddSingleton<IForwarderHttpClientFactory, OcelotHttpClientFactory>();

        services.AddOptions<RedisOptions>()
            .Bind(configuration.GetSection(RedisOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<RedisConnection>();
        // Connecting starts with the host, in the background: start-up never waits for Redis.
        services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        services.AddSingleton<CapacityGuards>();
        services.AddGatewayRateLimiting(configuration);

        services.AddGatewayCaching(configuration);
        services.AddGatewayAdministration(configuration);
        services.AddGatewaySecurity(configuration);
        services.AddGatewayDiscovery(configuration);
        services.AddGatewayAggregation();
        services.AddGatewaySwagger(configuration);
        services.AddGatewayTracing(configuration);
        services.AddReverseProxy().AddTransforms<OcelotTransformProvider>();
        AddJwtBearerSchemes(services.AddAuthentication(), configuration);
        services.AddHealthChecks()
            .AddCheck<ConfigurationLoadedHealthCheck>("configuration", HealthStatus.Unhealthy, [GatewayHealth.ReadyTag]);
        return services;
    }

    /// <summary>
    /// Every scheme under <c>Authentication:Schemes</c> becomes a JWT bearer scheme that routes can name in
    /// <c>AuthenticationProviderKey(s)</c>. ASP.NET Core binds each one's settings (Authority, ValidAudiences, ValidIssuer,
    /// SigningKeys...) from that same section.
    /// </summary>
    private static void AddJwtBearerSchemes(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        foreach (var scheme in configuration.GetSection("Authentication:Schemes").GetChildren())
        {
            // Claim types stay as the token names them ("sub", "scope"), which is what Ocelot route files refer to.
            authentication.AddJwtBearer(scheme.Key, options => options.MapInboundClaims = false);
        }
    }
}
