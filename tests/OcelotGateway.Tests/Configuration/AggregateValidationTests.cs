using OcelotGateway.Configuration.Validation;
using static OcelotGateway.Tests.Configuration.ValidationHarness;

namespace OcelotGateway.Tests.Configuration;

/// <summary>Aggregates and the route keys they and the global option groups refer to.</summary>
public sealed class AggregateValidationTests
{
    private const string At = "Aggregates[0] (/profile/{id})";

    private static string WithAggregate(string aggregate, string extraRouteProperties = "") => $$"""
        {
          "Routes": [
            { "Key": "user", "UpstreamPathTemplate": "/user/{id}", "DownstreamPathTemplate": "/users/{id}", "DownstreamHostAndPorts": [ { "Host": "users", "Port": 80 } ]{{extraRouteProperties}} },
            { "Key": "orders", "UpstreamPathTemplate": "/orders/{id}", "DownstreamPathTemplate": "/orders?user={userId}", "DownstreamHostAndPorts": [ { "Host": "orders", "Port": 80 } ] }
          ],
          "Aggregates": [ {{aggregate}} ]
        }
        """;

    [Fact]
    public void Validate_ValidAggregateWithRouteKeysConfig_HasNoProblems()
    {
        ProblemAssert.None(Validate(WithAggregate("""
            { "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user", "orders" ], "RouteKeysConfig": [ { "RouteKey": "orders", "JsonPath": "$.id", "Parameter": "userId" } ] }
            """)));
    }

    [Fact]
    public void Validate_RouteKeyWithoutRoute_IsError()
    {
        ProblemAssert.HasError(
            Validate(WithAggregate("""{ "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user", "invoices" ] }""")), At, "RouteKeys[1]", "no route has Key 'invoices'");
    }

    [Fact]
    public void Validate_LegacyReRouteKeys_AreChecked()
    {
        ProblemAssert.HasError(
            Validate(WithAggregate("""{ "UpstreamPathTemplate": "/profile/{id}", "ReRouteKeys": [ "nobody" ] }""")), At, "ReRouteKeys[0]", "no route has Key 'nobody'");
    }

    [Fact]
    public void Validate_AggregatedRouteWithRequestIdKey_IsError()
    {
        ProblemAssert.HasError(
            Validate(WithAggregate("""{ "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user" ] }""", ", \"RequestIdKey\": \"X-Id\"")),
            At,
            "RouteKeys[0]",
            "route Routes[0] (/user/{id}) sets RequestIdKey, which routes in an aggregate may not");
    }

    [Fact]
    public void Validate_RouteKeysConfigForKeyNotAggregated_IsError()
    {
        var problems = Validate(WithAggregate("""
            { "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user" ], "RouteKeysConfig": [ { "RouteKey": "orders", "JsonPath": "$.id", "Parameter": "userId" } ] }
            """));

        ProblemAssert.HasError(problems, At, "RouteKeysConfig[0].RouteKey", "'orders' is not in RouteKeys");
    }

    [Fact]
    public void Validate_RouteKeysConfigWithoutJsonPathOrParameter_IsError()
    {
        var problems = Validate(WithAggregate("""
            { "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user", "orders" ], "RouteKeysConfig": [ { "RouteKey": "orders" } ] }
            """));

        ProblemAssert.HasError(problems, At, "RouteKeysConfig[0].JsonPath", "required: where in the first route's response the values are");
        ProblemAssert.HasError(problems, At, "RouteKeysConfig[0].Parameter", "required: the placeholder the values fill");
    }

    [Fact]
    public void Validate_UnregisteredAggregator_IsError()
    {
        const string Aggregate = """
            { "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user", "orders" ], "RouteKeysConfig": [ { "RouteKey": "orders", "JsonPath": "$.id", "Parameter": "userId" } ], "Aggregator": "FakeDefinedAggregator" }
            """;

        ProblemAssert.HasError(Validate(WithAggregate(Aggregate)), At, "Aggregator", "no aggregator 'FakeDefinedAggregator' is registered");
        ProblemAssert.None(Validate(WithAggregate(Aggregate), new ValidationContext { Aggregators = new HashSet<string> { "FakeDefinedAggregator" } }));
    }

    [Fact]
    public void Validate_AggregateWithoutRouteKeys_IsWarned()
    {
        ProblemAssert.HasWarning(Validate(WithAggregate("""{ "UpstreamPathTemplate": "/profile/{id}" }""")), At, "RouteKeys", "answers {} to every request");
    }

    [Fact]
    public void Validate_DuplicateRouteKey_IsError()
    {
        var problems = Validate(Routes(Route("""{ "Key": "orders" }"""), Route("""{ "Key": "orders", "UpstreamPathTemplate": "/v2/orders/{id}" }""")));

        ProblemAssert.HasError(problems, "Routes[1] (/v2/orders/{id})", "Key", "'orders' is already the Key of Routes[0] (/orders/{id}); keys must be unique");
    }

    [Fact]
    public void Validate_GlobalRouteKeysNamingNoRoute_IsWarned()
    {
        var problems = Validate("{ \"Routes\": [ " + Route("""{ "Key": "orders" }""") + """
            ], "GlobalConfiguration": { "QoSOptions": { "RouteKeys": [ "orders", "order" ], "Timeout": 1000 } } }
            """);

        ProblemAssert.HasWarning(problems, "GlobalConfiguration", "QoSOptions.RouteKeys[1]", "no route has Key 'order'");
        Assert.Single(problems);
    }

    [Fact]
    public void Validate_RouteKeysConfigForFirstKey_IsError()
    {
        var problems = Validate(WithAggregate("""
            { "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "orders", "user" ], "RouteKeysConfig": [ { "RouteKey": "orders", "JsonPath": "$.id", "Parameter": "userId" } ] }
            """));

        ProblemAssert.HasError(problems, At, "RouteKeysConfig[0].RouteKey", "'orders' is the first of RouteKeys, whose response provides the values");
    }

    [Fact]
    public void Validate_RouteKeysConfigParameterNotInDownstreamTemplate_IsError()
    {
        var problems = Validate(WithAggregate("""
            { "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user", "orders" ], "RouteKeysConfig": [ { "RouteKey": "orders", "JsonPath": "$.id", "Parameter": "orderId" } ] }
            """));

        ProblemAssert.HasError(problems, At, "RouteKeysConfig[0].Parameter", "{orderId} does not appear in the DownstreamPathTemplate of route 'orders'");
    }

    [Fact]
    public void Validate_RouteKeysConfigParameterInBraces_IsAccepted()
    {
        ProblemAssert.None(Validate(WithAggregate("""
            { "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user", "orders" ], "RouteKeysConfig": [ { "RouteKey": "orders", "JsonPath": "$.id", "Parameter": "{userId}" } ] }
            """)));
    }

    [Fact]
    public void Validate_SecondRouteKeysConfigForSameKey_IsWarned()
    {
        var problems = Validate(WithAggregate("""
            { "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user", "orders" ], "RouteKeysConfig": [
              { "RouteKey": "orders", "JsonPath": "$.id", "Parameter": "userId" }, { "RouteKey": "orders", "JsonPath": "$.other", "Parameter": "userId" } ] }
            """));

        ProblemAssert.HasWarning(problems, At, "RouteKeysConfig[1]", "another entry already configures 'orders'; only the first one is used");
    }

    [Fact]
    public void Validate_RouteKeyListedTwice_IsError()
    {
        ProblemAssert.HasError(
            Validate(WithAggregate("""{ "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user", "user" ] }""")), At, "RouteKeys[1]", "'user' is listed twice");
    }

    [Fact]
    public void Validate_RouteKeysOptionalNotInRouteKeys_IsError()
    {
        const string Aggregate = """
            { "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user", "orders" ], "RouteKeysConfig": [ { "RouteKey": "orders", "JsonPath": "$.id", "Parameter": "userId" } ], "RouteKeysOptional": [ OPTIONAL ] }
            """;

        ProblemAssert.HasError(
            Validate(WithAggregate(Aggregate.Replace("OPTIONAL", "\"orders\", \"recommendations\"", StringComparison.Ordinal))), At, "RouteKeysOptional[1]", "'recommendations' is not in RouteKeys");
        ProblemAssert.None(Validate(WithAggregate(Aggregate.Replace("OPTIONAL", "\"orders\"", StringComparison.Ordinal))));
    }

    [Fact]
    public void Validate_RouteKeyNamedErrorsWithOptionalKeys_IsError()
    {
        var json = WithAggregate("""{ "UpstreamPathTemplate": "/profile/{id}", "RouteKeys": [ "user", "errors" ], "RouteKeysOptional": [ "user" ] }""")
            .Replace("\"Key\": \"orders\"", "\"Key\": \"errors\"", StringComparison.Ordinal);

        ProblemAssert.HasError(Validate(json), At, "RouteKeys", "a route key named 'errors' would clash with the errors member");
    }

    [Fact]
    public void Validate_AggregateSharingUpstreamWithGetRoute_IsError()
    {
        var problems = Validate(WithAggregate("""{ "UpstreamPathTemplate": "/user/{id}", "RouteKeys": [ "user", "orders" ] }""", ", \"UpstreamHttpMethod\": [ \"Get\" ]"));

        ProblemAssert.HasError(problems, "Routes[0] (/user/{id})", "UpstreamPathTemplate", "duplicates Aggregates[0] (/user/{id})");
    }
}
