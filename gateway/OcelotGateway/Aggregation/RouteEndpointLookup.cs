using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OcelotGateway.Configuration.Compilation;

namespace OcelotGateway.Aggregation;

/// <summary>
/// Finds the live endpoint (YARP route and its proxy pipeline) of a route <c>Key</c>. The index is rebuilt only when the
/// endpoint list changes, i.e. after a configuration reload.
/// </summary>
internal sealed class RouteEndpointLookup
{
    private readonly EndpointDataSource _endpoints;
    private volatile Index? _index;

    public RouteEndpointLookup(EndpointDataSource endpoints)
    {
        _endpoints = endpoints;
    }

    public bool TryFind(string routeKey, out Endpoint endpoint, out CompiledRoute route)
    {
        var endpoints = _endpoints.Endpoints;
        var index = _index;
        if (index is null || !ReferenceEquals(index.Source, endpoints))
        {
            index = new Index(endpoints);
            _index = index;
        }

        if (index.ByKey.TryGetValue(routeKey, out var found))
        {
            (endpoint, route) = found;
            return true;
        }

        endpoint = null!;
        route = null!;
        return false;
    }

    private sealed class Index
    {
        public Index(IReadOnlyList<Endpoint> source)
        {
            Source = source;
            foreach (var endpoint in source)
            {
                if (endpoint.RequestDelegate is not null && endpoint.Metadata.GetMetadata<CompiledRoute>() is { Key: { } key } route)
                {
                    ByKey[key] = (endpoint, route);
                }
            }
        }

        public IReadOnlyList<Endpoint> Source { get; }

        public Dictionary<string, (Endpoint Endpoint, CompiledRoute Route)> ByKey { get; } = new(StringComparer.Ordinal);
    }
}
