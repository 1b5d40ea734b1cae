using System.Collections.Frozen;
using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;
using OcelotGateway.Configuration.File;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Aggregation;

/// <summary>Compiles the validated <c>Aggregates</c> section; legacy <c>ReRoute*</c> names are read when the current ones are empty.</summary>
internal static class AggregateCompiler
{
    public static IReadOnlyList<CompiledAggregate> Compile(LoadedConfiguration loaded, int routeCount, long generation, string? requestIdKey)
    {
        var aggregates = loaded.Configuration.Aggregates;
        var compiled = new List<CompiledAggregate>(aggregates.Count);
        for (var i = 0; i < aggregates.Count; i++)
        {
            var origin = i < loaded.AggregateOrigins.Count ? loaded.AggregateOrigins[i] : new ConfigurationOrigin(loaded.SourceDescription, i);
            compiled.Add(CompileOne(aggregates[i], i, routeCount, origin, generation, requestIdKey));
        }

        return compiled;
    }

    private static CompiledAggregate CompileOne(
        FileAggregateRoute aggregate, int index, int routeCount, ConfigurationOrigin origin, long generation, string? requestIdKey)
    {
        var caseSensitive = aggregate.RouteIsCaseSensitive ?? aggregate.ReRouteIsCaseSensitive ?? false;
        var upstream = UpstreamPathTemplate.Parse(aggregate.UpstreamPathTemplate!, caseSensitive);
        var keys = aggregate.RouteKeys.Count == 0 ? aggregate.ReRouteKeys : aggregate.RouteKeys;
        var configs = aggregate.RouteKeysConfig.Count == 0 ? aggregate.ReRouteKeysConfig : aggregate.RouteKeysConfig;
        var dependencies = new Dictionary<string, AggregateDependency>(StringComparer.Ordinal);
        foreach (var config in configs)
        {
            // Ocelot uses the first entry for a key.
            if ((config.RouteKey ?? config.ReRouteKey) is { } key && !dependencies.ContainsKey(key))
            {
                dependencies[key] = new AggregateDependency(config.JsonPath!, ParameterName(config.Parameter!));
            }
        }

        return new CompiledAggregate
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"g{generation}-a{index}"),
            Index = routeCount + index,
            DisplayName = string.Create(
                CultureInfo.InvariantCulture, $"Aggregates[{origin.IndexInFile}] ({aggregate.UpstreamPathTemplate}) in {origin.File}"),
            UpstreamPath = upstream,
            EndpointPattern = RoutePatternFactory.Parse(upstream.LiteralPrefix + "/{**ocelot-rest}"),
            UpstreamHeaders = aggregate.UpstreamHeaderTemplates.Count == 0
                ? UpstreamHeaderTemplates.Empty
                : new UpstreamHeaderTemplates(aggregate.UpstreamHeaderTemplates, caseSensitive),
            UpstreamMethods = aggregate.UpstreamHttpMethod.Count == 0
                ? CompiledAggregate.DefaultMethods
                : aggregate.UpstreamHttpMethod.Select(m => m.Trim()).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            UpstreamHost = string.IsNullOrEmpty(aggregate.UpstreamHost) ? null : aggregate.UpstreamHost,
            Priority = upstream.IsCatchAllRoot ? 0 : aggregate.Priority ?? 1,
            RouteKeys = [.. keys],
            Dependencies = dependencies,
            OptionalKeys = aggregate.RouteKeysOptional.ToFrozenSet(StringComparer.Ordinal),
            Aggregator = string.IsNullOrWhiteSpace(aggregate.Aggregator) ? null : aggregate.Aggregator,
            RequestIdKey = requestIdKey,
        };
    }

    /// <summary>Accepts <c>userId</c> and <c>{userId}</c> alike.</summary>
    internal static string ParameterName(string parameter) => parameter.Trim().TrimStart('{').TrimEnd('}');
}
