using OcelotGateway.Aggregation;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Discovery;

namespace OcelotGateway.Administration.Explain;

/// <summary>Where an operator finds a compiled route or aggregate: its file, its index inside that file and, when known, its line.</summary>
internal sealed record RouteLocation(string Section, string File, int Index, int? Line)
{
    public static RouteLocation Of(CompiledConfiguration configuration, CompiledRoute route)
    {
        var source = configuration.Source;
        if (DynamicRoutePlanner.Applies(source.Configuration))
        {
            return new RouteLocation(TopLevelSections.Routes, DynamicRoutePlanner.OriginName, route.Index, null);
        }

        var section = EffectiveSections.Routes(source.Configuration).Section;
        return Locate(source, section, source.RouteOrigins, route.Index);
    }

    public static RouteLocation Of(CompiledConfiguration configuration, CompiledAggregate aggregate) =>
        Locate(configuration.Source, TopLevelSections.Aggregates, configuration.Source.AggregateOrigins, aggregate.Index - configuration.Routes.Count);

    public static ExplainedRoute Describe(CompiledConfiguration configuration, CompiledRoute route)
    {
        var location = Of(configuration, route);
        return new ExplainedRoute("route", route.DisplayName, location.File, location.Index, location.Line, route.UpstreamPath.Template, route.Key);
    }

    public static ExplainedRoute Describe(CompiledConfiguration configuration, CompiledAggregate aggregate)
    {
        var location = Of(configuration, aggregate);
        return new ExplainedRoute("aggregate", aggregate.DisplayName, location.File, location.Index, location.Line, aggregate.UpstreamPath.Template, null);
    }

    private static RouteLocation Locate(LoadedConfiguration source, string section, IReadOnlyList<ConfigurationOrigin> origins, int index)
    {
        var origin = index >= 0 && index < origins.Count ? origins[index] : new ConfigurationOrigin(source.SourceDescription, index);
        return new RouteLocation(section, origin.File, origin.IndexInFile, source.LineOf(section, origin));
    }
}
