using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Aggregation;

/// <summary>Per-request state when the request matched an aggregate: which one, and the placeholder values of its template.</summary>
internal sealed class AggregateRouteFeature
{
    public AggregateRouteFeature(CompiledAggregate aggregate, PlaceholderValues placeholders)
    {
        Aggregate = aggregate;
        Placeholders = placeholders;
    }

    public CompiledAggregate Aggregate { get; }

    /// <summary>Ocelot gives the aggregate's placeholders to every part; the parts' own upstream templates play no role.</summary>
    public PlaceholderValues Placeholders { get; }
}
