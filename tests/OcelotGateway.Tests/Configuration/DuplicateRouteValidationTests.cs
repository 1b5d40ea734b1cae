using static OcelotGateway.Tests.Configuration.ValidationHarness;

namespace OcelotGateway.Tests.Configuration;

/// <summary>Ocelot's duplicate rules between routes and aggregates.</summary>
public sealed class DuplicateRouteValidationTests
{
    private const string Second = "Routes[1] (/orders/{id})";

    [Theory]
    [InlineData("""[ "Get" ]""", """[ "get", "Post" ]""", "both answer GET")]
    [InlineData("[]", "[]", "both answer every method")]
    [InlineData("[]", """[ "Delete" ]""", "one of them answers every method")]
    public void Validate_SameUpstreamWithOverlappingMethods_IsErrorNamingTheOtherRoute(string first, string second, string reason)
    {
        var problems = Validate(Routes(Route($$"""{ "UpstreamHttpMethod": {{first}} }"""), Route($$"""{ "UpstreamHttpMethod": {{second}} }""")));

        ProblemAssert.HasError(problems, Second, "UpstreamPathTemplate", "duplicates Routes[0] (/orders/{id}): same UpstreamPathTemplate, UpstreamHost and UpstreamHeaderTemplates, and " + reason);
        Assert.Single(problems);
    }

    [Theory]
    [InlineData("""{ "UpstreamHttpMethod": [ "Post" ] }""")]
    [InlineData("""{ "UpstreamHost": "admin.example.com" }""")]
    [InlineData("""{ "UpstreamHeaderTemplates": { "X-Version": "2" } }""")]
    [InlineData("""{ "UpstreamPathTemplate": "/orders/{id}/" }""")]
    public void Validate_RoutesThatDifferInMethodHostHeadersOrTemplate_AreValid(string second)
    {
        ProblemAssert.None(Validate(Routes(Route(), Route(second))));
    }

    [Fact]
    public async Task Validate_DuplicateInAnotherFragment_NamesTheOtherFile()
    {
        using var folder = new TempRouteFolder()
            .With("ocelot.a.json", Routes(Route()))
            .With("ocelot.b.json", Routes(Route("""{ "UpstreamPathTemplate": "/stock", "DownstreamPathTemplate": "/stock" }"""), Route()));

        var problems = new OcelotGateway.Configuration.Validation.ConfigurationValidator().Validate(await folder.LoadAsync(), new());

        ProblemAssert.HasError(problems, "Routes[1] (/orders/{id})", "UpstreamPathTemplate", "duplicates Routes[0] (/orders/{id}) in ocelot.a.json", file: "ocelot.b.json");
    }

    [Fact]
    public void Validate_RouteAnsweringGetOnAggregatePath_IsError()
    {
        var problems = Validate("""
            {
              "Routes": [ { "Key": "a", "UpstreamPathTemplate": "/both", "UpstreamHttpMethod": [ "Get" ], "DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [ { "Host": "a", "Port": 80 } ] } ],
              "Aggregates": [ { "RouteKeys": [ "a" ], "UpstreamPathTemplate": "/both" } ]
            }
            """);

        ProblemAssert.HasError(problems, "Routes[0] (/both)", "UpstreamPathTemplate", "duplicates Aggregates[0] (/both): same UpstreamPathTemplate and UpstreamHost, and both answer GET");
    }

    [Fact]
    public void Validate_PostOnlyRouteOnAggregatePath_IsValid()
    {
        ProblemAssert.None(Validate("""
            {
              "Routes": [ { "Key": "a", "UpstreamPathTemplate": "/both", "UpstreamHttpMethod": [ "Post" ], "DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [ { "Host": "a", "Port": 80 } ] } ],
              "Aggregates": [ { "RouteKeys": [ "a" ], "UpstreamPathTemplate": "/both" } ]
            }
            """));
    }

    [Fact]
    public void Validate_AnyMethodRouteOnAggregatePath_IsWarned()
    {
        var problems = Validate("""
            {
              "Routes": [ { "Key": "a", "UpstreamPathTemplate": "/both", "DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [ { "Host": "a", "Port": 80 } ] } ],
              "Aggregates": [ { "RouteKeys": [ "a" ], "UpstreamPathTemplate": "/both" } ]
            }
            """);

        ProblemAssert.HasWarning(problems, "Routes[0] (/both)", "UpstreamPathTemplate", "this route answers every method, GET included");
        ProblemAssert.NoErrors(problems);
    }

    [Fact]
    public void Validate_TwoAggregatesOnOnePath_IsError()
    {
        var problems = Validate("""
            {
              "Routes": [ { "Key": "a", "UpstreamPathTemplate": "/a", "DownstreamPathTemplate": "/a", "DownstreamHostAndPorts": [ { "Host": "a", "Port": 80 } ] } ],
              "Aggregates": [ { "RouteKeys": [ "a" ], "UpstreamPathTemplate": "/all" }, { "RouteKeys": [ "a" ], "UpstreamPathTemplate": "/all", "UpstreamHttpMethod": [ "Post" ] } ]
            }
            """);

        ProblemAssert.HasError(problems, "Aggregates[1] (/all)", "UpstreamPathTemplate", "duplicates Aggregates[0] (/all): same UpstreamPathTemplate and UpstreamHost");
    }
}
