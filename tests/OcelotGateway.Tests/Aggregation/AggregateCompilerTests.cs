using OcelotGateway.Aggregation;
using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Tests.Aggregation;

/// <summary>Ocelot's defaults and legacy names as the compiled aggregate carries them.</summary>
public sealed class AggregateCompilerTests
{
    [Fact]
    public void Compile_Defaults_GetOnlyPriorityOneAfterEveryRoute()
    {
        var aggregate = CompileSingle("""{ "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "a", "b" ] }""", routeCount: 3);

        Assert.True(aggregate.MatchesMethod("GET"));
        Assert.False(aggregate.MatchesMethod("POST"));
        Assert.Equal(1, aggregate.Priority);
        Assert.Equal(3, aggregate.Index);
        Assert.Null(aggregate.UpstreamHost);
        Assert.False(aggregate.ChecksParts);
        Assert.Equal("Aggregates[0] (/profile/{id}) in ocelot.json", aggregate.DisplayName);
    }

    [Fact]
    public void Compile_CatchAllRootTemplate_PriorityZero()
    {
        Assert.Equal(0, CompileSingle("""{ "UpstreamPathTemplate": "/{everything}", "RouteKeys": [ "a" ], "Priority": 5 }""").Priority);
    }

    [Fact]
    public void Compile_LegacyNamesAndBracedParameter_AreRead()
    {
        var aggregate = CompileSingle("""
            { "UpstreamPathTemplate": "/p", "ReRouteKeys": [ "a", "b" ], "ReRouteIsCaseSensitive": true,
              "ReRouteKeysConfig": [ { "ReRouteKey": "b", "JsonPath": "$.id", "Parameter": "{id}" }, { "ReRouteKey": "b", "JsonPath": "$.other", "Parameter": "x" } ] }
            """);

        Assert.Equal(["a", "b"], aggregate.RouteKeys);
        Assert.Equal(new AggregateDependency("$.id", "id"), aggregate.Dependencies["b"]);
        Assert.False(aggregate.UpstreamPath.IsMatch("/P", null));
    }

    [Fact]
    public void Compile_OptionalKeysAndMethods_AreKept()
    {
        var aggregate = CompileSingle("""
            { "UpstreamPathTemplate": "/p", "RouteKeys": [ "a", "b" ], "RouteKeysOptional": [ "b" ], "UpstreamHttpMethod": [ "Post" ], "Aggregator": "Mine" }
            """);

        Assert.True(aggregate.ChecksParts);
        Assert.Equal(["b"], aggregate.OptionalKeys.ToArray());
        Assert.True(aggregate.MatchesMethod("post"));
        Assert.False(aggregate.MatchesMethod("GET"));
        Assert.Equal("Mine", aggregate.Aggregator);
    }

    private static CompiledAggregate CompileSingle(string aggregate, int routeCount = 0) =>
        Assert.Single(AggregateCompiler.Compile(new RouteFileLoader().LoadJson("{ \"Aggregates\": [ " + aggregate + " ] }", "ocelot.json"), routeCount, generation: 1, requestIdKey: null));
}
