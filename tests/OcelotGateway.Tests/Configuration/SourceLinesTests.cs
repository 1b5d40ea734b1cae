using System.Text;
using CsCheck;
using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Tests.Configuration;

/// <summary>The console points at the line where each route starts, whatever the file's layout, comments and trailing commas.</summary>
public sealed class SourceLinesTests
{
    private const string Seed = "0HAYpsLQ7vGa";

    private static readonly Gen<string> Gap = Gen.OneOf("", " ", "\n", "\n\n  ", "\r\n", "\n// a comment, with { and [\n", "/* block\n comment */ ");

    [Fact]
    public void LineOf_EveryItemOfEverySection_IsTheLineItsValueStartsOn()
    {
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 3], Gap.Array[40], Gen.Bool, Gen.OneOf("Routes", "routes", "ReRoutes")).Sample(
            (routeCount, aggregateCount, gaps, trailingCommas, routeKey) =>
            {
                var text = new StringBuilder();
                var expected = new Dictionary<(string, int), int>();
                var gap = 0;
                string NextGap() => gaps[gap++ % gaps.Length];
                int Line() => text.ToString().Count(c => c == '\n') + 1;

                text.Append('{').Append(NextGap()).Append("\"GlobalConfiguration\": { \"Routes\": [ {} ] },").Append(NextGap());
                foreach (var (key, section, count) in new[] { (routeKey, TopLevelSections.Canonical(routeKey)!, routeCount), ("Aggregates", "Aggregates", aggregateCount) })
                {
                    text.Append('"').Append(key).Append("\": [").Append(NextGap());
                    for (var i = 0; i < count; i++)
                    {
                        expected[(section, i)] = Line();
                        text.Append("{ \"UpstreamPathTemplate\": \"/r").Append(i).Append("\",").Append(NextGap()).Append("\"Nested\": [ { }, 1 ] }");
                        text.Append(i < count - 1 || trailingCommas ? "," : string.Empty).Append(NextGap());
                    }

                    text.Append("],").Append(NextGap());
                }

                text.Append("\"Tail\": 1").Append(trailingCommas ? "," : string.Empty).Append('}');
                var lines = SourceLines.Read(text.ToString());

                foreach (var ((section, index), line) in expected)
                {
                    Assert.Equal(line, lines.LineOf(section, index));
                }

                Assert.Null(lines.LineOf(TopLevelSections.Canonical(routeKey)!, routeCount));
                Assert.Null(lines.LineOf(TopLevelSections.GlobalConfiguration, 0));
            },
            seed: Seed,
            iter: 2_000);
    }

    [Fact]
    public void Read_BrokenJson_KeepsTheLinesReadBeforeTheFault()
    {
        var lines = SourceLines.Read("{\n \"Routes\": [\n  {},\n  {}\n ],\n \"Aggregates\": [ {}, \n");

        Assert.Equal(3, lines.LineOf("Routes", 0));
        Assert.Equal(4, lines.LineOf("Routes", 1));
        Assert.Null(lines.LineOf("Aggregates", 0));
    }

    [Fact]
    public async Task LoadFolder_RoutesFromFragmentsAndTheEnvironmentFile_KnowTheirFileAndLine()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.a.json", "// first\n{\n  \"Routes\": [\n    { \"UpstreamPathTemplate\": \"/a\", \"DownstreamPathTemplate\": \"/a\" },\n\n    { \"UpstreamPathTemplate\": \"/b\", \"DownstreamPathTemplate\": \"/b\" }\n  ]\n}")
            .With("ocelot.b.json", "{ \"Routes\": [ { \"UpstreamPathTemplate\": \"/c\", \"DownstreamPathTemplate\": \"/c\" } ] }")
            .With("ocelot.Production.json", "{\n\"Routes\": [ {}, {}, {},\n  { \"UpstreamPathTemplate\": \"/d\", \"DownstreamPathTemplate\": \"/d\" } ] }");

        var loaded = await folder.LoadAsync();
        var located = loaded.RouteOrigins.Select(o => (o.File, loaded.LineOf(TopLevelSections.Routes, o))).ToArray();

        Assert.Equal([("ocelot.a.json", 4), ("ocelot.a.json", 6), ("ocelot.b.json", 1), ("ocelot.Production.json", 3)], located);
    }
}
