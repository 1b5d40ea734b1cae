using OcelotGateway.Aggregation;
using OcelotGateway.Configuration.Loading;
using Yarp.ReverseProxy.Configuration;

namespace OcelotGateway.Configuration.Compilation;

/// <summary>
/// One immutable generation of the gateway: the compiled routes and the YARP routes and clusters built from them.
/// A reload compiles a new instance and swaps it in whole.
/// </summary>
public sealed class CompiledConfiguration
{
    public required long Generation { get; init; }

    public required LoadedConfiguration Source { get; init; }

    public required IReadOnlyList<CompiledRoute> Routes { get; init; }

    public required IReadOnlyList<RouteConfig> ProxyRoutes { get; init; }

    /// <summary>The <c>Aggregates</c>, answered by the gateway's aggregate endpoints rather than by YARP routes.</summary>
    public IReadOnlyList<CompiledAggregate> Aggregates { get; init; } = [];

    public required IReadOnlyList<ClusterConfig> ProxyClusters { get; init; }

    public required IReadOnlyList<ConfigurationProblem> Warnings { get; init; }

    public required string BaseUrl { get; init; }

    /// <summary>The global <c>RequestIdKey</c>: answers no route produced (404) carry the id under it too.</summary>
    public string? RequestIdKey { get; init; }
}
