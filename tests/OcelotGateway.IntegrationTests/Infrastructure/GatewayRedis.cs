using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Redis;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>What the Redis tests ask of a running gateway's Redis connection.</summary>
public static class GatewayRedis
{
    /// <summary>Waits (up to 10 s) until the gateway uses Redis, connected and out of any outage, and returns its connection.</summary>
    public static async Task<RedisConnection> RedisInUseAsync(this GatewayInstance gateway, string because)
    {
        var redis = gateway.Services.GetRequiredService<RedisConnection>();
        await Eventually.HoldsAsync(() => redis.IsAvailable, TimeSpan.FromSeconds(10), because);
        return redis;
    }
}
