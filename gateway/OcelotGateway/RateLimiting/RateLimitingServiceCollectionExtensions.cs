using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Redis;

namespace OcelotGateway.RateLimiting;

internal static class RateLimitingServiceCollectionExtensions
{
    /// <summary>Counters in process, or in Redis with the in-process store as fallback; limits validated at start-up.</summary>
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>()
            .Bind(configuration.GetSection(RateLimitingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<MemoryRateLimitCounterStore>();
        services.AddSingleton<IRateLimitCounterStore>(sp => sp.GetRequiredService<RedisConnection>().IsConfigured
            ? new RedisRateLimitCounterStore(sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<MemoryRateLimitCounterStore>())
            : sp.GetRequiredService<MemoryRateLimitCounterStore>());
        return services;
    }
}
