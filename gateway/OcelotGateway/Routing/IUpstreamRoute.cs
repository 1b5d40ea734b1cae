using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Routing;

/// <summary>
/// What Ocelot's route selection compares: a route and an aggregate compete for a request on the same terms, so the matcher
/// handles both through this one shape.
/// </summary>
internal interface IUpstreamRoute
{
    /// <summary>Position in Ocelot's route list (routes first, then aggregates); breaks priority ties.</summary>
    int Index { get; }

    UpstreamPathTemplate UpstreamPath { get; }

    UpstreamHeaderTemplates UpstreamHeaders { get; }

    string? UpstreamHost { get; }

    int Priority { get; }

    bool MatchesMethod(string method);
}
