using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Compilation;

/// <summary>The downstream settings of one route that decide which YARP cluster (and connection pool) it uses.</summary>
internal sealed record ClusterPlan(
    string Scheme,
    IReadOnlyList<FileHostAndPort> Hosts,
    string? ServiceName,
    string LoadBalancerType,
    FileHttpHandlerOptions? Handler,
    bool AcceptAnyCertificate,
    string? HttpVersion,
    string? HttpVersionPolicy,
    TimeSpan Timeout)
{
    /// <summary>Names of the route's delegating handlers (global list first, then the route's, without repeats), outermost first.</summary>
    public IReadOnlyList<string> DelegatingHandlers { get; init; } = [];
}
