using System.Collections.Frozen;
using Microsoft.AspNetCore.Routing.Patterns;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Aggregation;

/// <summary>
/// One entry of <c>Aggregates</c>, resolved once per configuration generation: how it matches requests (same rules as a
/// route), which route keys it combines and how. Immutable; a reload builds new ones.
/// </summary>
public sealed class CompiledAggregate : IUpstreamRoute
{
    /// <summary>Ocelot answers aggregates only for GET unless the file lists methods.</summary>
    internal static readonly FrozenSet<string> DefaultMethods = new[] { "GET" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public required string Id { get; init; }

    /// <summary>Position after every route: Ocelot lists aggregates behind the routes, so routes win priority ties.</summary>
    public required int Index { get; init; }

    /// <summary>Operator-facing name, e.g. <c>Aggregates[0] (/portfolio/{symbol}) in ocelot.json</c>.</summary>
    public required string DisplayName { get; init; }

    public required UpstreamPathTemplate UpstreamPath { get; init; }

    /// <summary>The endpoint route pattern (literal prefix and a catch-all), parsed when compiled so a bad one is a compile problem.</summary>
    public required RoutePattern EndpointPattern { get; init; }

    public required UpstreamHeaderTemplates UpstreamHeaders { get; init; }

    public required FrozenSet<string> UpstreamMethods { get; init; }

    public string? UpstreamHost { get; init; }

    public required int Priority { get; init; }

    /// <summary>Route <c>Key</c>s in output order; the first is the main route that dependent calls read from.</summary>
    public required IReadOnlyList<string> RouteKeys { get; init; }

    /// <summary><c>RouteKeysConfig</c> by route key: that key's calls wait for the main route and take a value from it.</summary>
    public required IReadOnlyDictionary<string, AggregateDependency> Dependencies { get; init; }

    /// <summary>Our <c>RouteKeysOptional</c>; empty keeps Ocelot's behaviour.</summary>
    public required FrozenSet<string> OptionalKeys { get; init; }

    /// <summary>Name of a registered custom aggregator; null combines the responses as Ocelot's default JSON.</summary>
    public string? Aggregator { get; init; }

    /// <summary>
    /// The global <c>RequestIdKey</c> (routes in an aggregate may not set their own): the caller's id, or one made for the
    /// request, is given to every part and returned on the aggregate's answer.
    /// </summary>
    public string? RequestIdKey { get; init; }

    /// <summary>Parts are checked (our extension): non-2xx answers count as failures and optional parts may fail alone.</summary>
    public bool ChecksParts => OptionalKeys.Count > 0;

    public bool MatchesMethod(string method) => UpstreamMethods.Contains(method);

    public override string ToString() => DisplayName;
}
