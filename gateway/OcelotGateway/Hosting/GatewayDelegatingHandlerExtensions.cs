using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OcelotGateway.Routing.Forwarding;

namespace OcelotGateway.Hosting;

/// <summary>Ocelot's <c>AddDelegatingHandler</c>: custom <see cref="DelegatingHandler"/>s around downstream calls.</summary>
public static class GatewayDelegatingHandlerExtensions
{
    /// <summary>
    /// Registers <typeparamref name="THandler"/> so routes can list it by class name in <c>DelegatingHandlers</c>. A global
    /// handler wraps every route's downstream calls, outside the handlers a route lists. Handlers are resolved from the
    /// container (transient) when a cluster's connection pool is built and shared by that pool's requests, so they must be
    /// thread-safe.
    /// </summary>
    public static IServiceCollection AddGatewayDelegatingHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services, bool global = false)
        where THandler : DelegatingHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddTransient<THandler>();
        services.AddSingleton(new DelegatingHandlerRegistration(typeof(THandler).Name, typeof(THandler), global));
        return services;
    }
}
