using System.Collections.Concurrent;

namespace OcelotGateway.Configuration.Compilation;

/// <summary>
/// Lets YARP's endpoint builder find the compiled route behind a YARP route id. Ids carry their generation, so an endpoint can
/// never be paired with a route from another generation. The routes of the configuration published last and of the one before it
/// are kept (endpoints of the previous one may still be under construction while a new one is published); older ones are dropped.
/// A configuration put back after a failed swap is published again, so "previous" means published before, not a lower number.
/// </summary>
public sealed class CompiledRouteRegistry
{
    public const string GenerationMetadataKey = "ocelot.generation";

    private readonly ConcurrentDictionary<string, (long Generation, CompiledRoute Route)> _routes = new(StringComparer.Ordinal);
    private readonly Lock _publishing = new();
    private long _lastPublished = -1;

    public void Publish(CompiledConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        lock (_publishing)
        {
            foreach (var route in configuration.Routes)
            {
                _routes[route.RouteId] = (configuration.Generation, route);
            }

            var kept = _lastPublished;
            foreach (var (id, entry) in _routes)
            {
                if (entry.Generation != configuration.Generation && entry.Generation != kept)
                {
                    _routes.TryRemove(id, out _);
                }
            }

            _lastPublished = configuration.Generation;
        }
    }

    public CompiledRoute? Find(string routeId) => _routes.TryGetValue(routeId, out var entry) ? entry.Route : null;
}
