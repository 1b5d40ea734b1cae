using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OcelotGateway.Aggregation;

public static class AggregationServiceCollectionExtensions
{
    /// <summary>
    /// Registers a custom aggregator under <paramref name="name"/>, the value an aggregate's <c>Aggregator</c> gives
    /// (Ocelot's <c>AddSingletonDefinedAggregator</c>). A configuration naming an unregistered aggregator does not load.
    /// </summary>
    public static IServiceCollection AddGatewayAggregator<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TAggregator>(this IServiceCollection services, string name)
        where TAggregator : class, IGatewayAggregator
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddKeyedSingleton<IGatewayAggregator, TAggregator>(name);
        services.AddSingleton(new AggregatorRegistration(name));
        return services;
    }

    internal static IServiceCollection AddGatewayAggregation(this IServiceCollection services)
    {
        services.AddSingleton<RouteEndpointLookup>();
        services.AddSingleton<SubRequestRunner>();
        services.AddSingleton<AggregateExecutor>();
        services.AddSingleton<AggregateEndpoint>();
        services.AddSingleton<AggregateEndpointDataSource>();
        return services;
    }

    /// <summary>Adds the aggregates' endpoints next to the proxied routes.</summary>
    internal static void MapGatewayAggregates(this WebApplication app) =>
        ((IEndpointRouteBuilder)app).DataSources.Add(app.Services.GetRequiredService<AggregateEndpointDataSource>());
}
