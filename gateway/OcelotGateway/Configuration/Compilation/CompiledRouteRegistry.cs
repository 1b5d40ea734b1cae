using System.Collections.Concurrent;

namespace OcelotGateway.Configuration.Compilation;

/// <summary>
/// Lets YARP's endpoint builder find the compiled route behind a YARP route id. Ids carry their generation, so an endpoint can
/// never be paired with a route from another generation; entries of superseded generations are dropped once a newer one lands.
/// </summary>
public sealed class CompiledRouteRegistry
{
    public const string GenerationMetadataKey = "ocelot.generation";

    /// <summary>Generations kept: endpoints of the previous one may still be under construction while a new one is published.</summary>
    private const int GenerationsKept = 2;

    private readonly ConcurrentDictionary<string, (long Generation, CompiledRoute Route)> _routes = new(StringComparer.Ordinal);

    public void Publish(CompiledConfiguration configuration)
    {
        foreach (var route in configuration.Routes)
        {
            _routes[route.RouteId] = (configuration.Generation, route);
        }

        foreach (var (id, entry) in _routes)
        {
            if (entry.Generation <= configuration.Generation - GenerationsKept)
            {
                _routes.TryRemove(id, out _);
            }
        }
    }

    public CompiledRoute? Find(string routeId) => _routes.TryGetValue(routeId, out var entry) ? entry.Route : null;
}
