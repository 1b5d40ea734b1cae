using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.Redis;
using Yarp.ReverseProxy.Transforms.Builder;

namespace OcelotGateway.Caching;

internal static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// The response cache and asynchronous request-reply: limits validated at start-up, the in-process store, or Redis when
    /// <c>Gateway:Redis:Configuration</c> is set, request coalescing, and region clears shared across instances.
    /// </summary>
    public static IServiceCollection AddGatewayCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CachingOptions>()
            .Bind(configuration.GetSection(CachingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<AsyncRequestReplyOptions>()
            .Bind(configuration.GetSection(AsyncRequestReplyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<MemoryCacheStore>();
        services.AddSingleton<RedisCacheStore>();
        services.AddSingleton<ICacheStore>(sp => sp.GetRequiredService<RedisConnection>().IsConfigured
            ? sp.GetRequiredService<RedisCacheStore>()
            : sp.GetRequiredService<MemoryCacheStore>());
        services.AddSingleton<ResponseCoalescer>();
        services.AddSingleton<CacheRegionClearer>();
        services.AddHostedService<CacheClearSubscriber>();
        services.AddSingleton<AsyncReplyLedger>();
        services.AddSingleton<AsyncReplyWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AsyncReplyWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransformProvider, CachingTransformProvider>());
        return services;
    }
}
