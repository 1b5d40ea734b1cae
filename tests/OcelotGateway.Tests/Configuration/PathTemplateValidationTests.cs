using static OcelotGateway.Tests.Configuration.ValidationHarness;

namespace OcelotGateway.Tests.Configuration;

/// <summary>Upstream and downstream templates, and where downstream placeholders get their values.</summary>
public sealed class PathTemplateValidationTests
{
    private const string At = "Routes[0] (/orders/{id})";

    [Fact]
    public void Validate_ValidRoute_HasNoProblems()
    {
        ProblemAssert.None(ValidateRoute("{}"));
    }

    [Fact]
    public void Validate_MissingUpstreamPathTemplate_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "UpstreamPathTemplate": null }"""), "Routes[0]", "UpstreamPathTemplate", "required: a path starting with '/'");
    }

    [Fact]
    public void Validate_MissingDownstreamPathTemplate_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "DownstreamPathTemplate": "" }"""), At, "DownstreamPathTemplate", "required");
    }

    [Fact]
    public void Validate_TemplateWithoutLeadingSlash_IsError()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "UpstreamPathTemplate": "orders/{id}" }"""), "Routes[0] (orders/{id})", "UpstreamPathTemplate", "'orders/{id}' must begin with '/'");
    }

    [Fact]
    public void Validate_TemplateWithDoubleSlash_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "DownstreamPathTemplate": "/api//orders/{id}" }"""), At, "DownstreamPathTemplate", "must not contain '//'");
    }

    [Fact]
    public void Validate_DownstreamTemplateWithScheme_IsError()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "DownstreamPathTemplate": "http://orders/api/{id}" }"""), At, "DownstreamPathTemplate", "must be a path, not a URL; the host belongs in DownstreamHostAndPorts");
    }

    [Fact]
    public void Validate_SamePlaceholderTwiceUpstream_IsError()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "UpstreamPathTemplate": "/orders/{id}/lines/{id}" }"""),
            "Routes[0] (/orders/{id}/lines/{id})",
            "UpstreamPathTemplate",
            "placeholder {id} appears more than once");
    }

    [Fact]
    public void Validate_SamePlaceholderTwiceDownstream_IsAllowed()
    {
        ProblemAssert.None(ValidateRoute("""{ "DownstreamPathTemplate": "/api/{id}/copy/{id}" }"""));
    }

    [Fact]
    public void Validate_UnclosedBrace_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "DownstreamPathTemplate": "/api/orders/{id" }"""), At, "DownstreamPathTemplate", "the '{' at position 13 has no matching '}'");
    }

    [Fact]
    public void Validate_EmptyPlaceholder_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "DownstreamPathTemplate": "/api/orders/{}" }"""), At, "DownstreamPathTemplate", "has an empty placeholder '{}'");
    }

    [Fact]
    public void Validate_UndefinedDownstreamPlaceholder_IsErrorListingTheDefinedOnes()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "DownstreamPathTemplate": "/api/orders/{orderId}" }"""),
            At,
            "DownstreamPathTemplate",
            "placeholder {orderId} is not defined by UpstreamPathTemplate, UpstreamHeaderTemplates or ChangeDownstreamPathTemplate (defined: {id}); it would be sent literally");
    }

    [Fact]
    public void Validate_DownstreamPlaceholderInOtherCase_SuggestsTheName()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "DownstreamPathTemplate": "/api/orders/{Id}" }"""), At, "DownstreamPathTemplate", "names are case-sensitive, did you mean {id}?");
    }

    [Fact]
    public void Validate_DownstreamPlaceholderFromHeaderTemplate_IsDefined()
    {
        ProblemAssert.None(ValidateRoute("""
            { "UpstreamHeaderTemplates": { "Region": "{header:code}" }, "DownstreamPathTemplate": "/api.internal-{code}/orders/{id}" }
            """));
    }

    [Fact]
    public void Validate_DownstreamPlaceholderFromClaim_IsDefined()
    {
        ProblemAssert.None(ValidateRoute("""
            { "ChangeDownstreamPathTemplate": { "userId": "Claims[sub] > value" }, "DownstreamPathTemplate": "/api/users/{userId}/orders/{id}" }
            """));
    }

    [Fact]
    public void Validate_ClaimForPlaceholderTheTemplateLacks_IsError()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "ChangeDownstreamPathTemplate": { "userId": "Claims[sub] > value" } }"""),
            At,
            "ChangeDownstreamPathTemplate.userId",
            "DownstreamPathTemplate '/api/orders/{id}' has no {userId} for this claim to fill");
    }

    [Fact]
    public void Validate_DownstreamPlaceholderFromAggregateTemplate_IsDefined()
    {
        var problems = Validate("""
            {
              "Routes": [ { "Key": "user", "UpstreamPathTemplate": "/user", "DownstreamPathTemplate": "/users/{userId}", "DownstreamHostAndPorts": [ { "Host": "u", "Port": 80 } ] } ],
              "Aggregates": [ { "RouteKeys": [ "user" ], "UpstreamPathTemplate": "/profile/{userId}" } ]
            }
            """);

        ProblemAssert.None(problems);
    }

    [Fact]
    public void Validate_UpstreamHostWithPort_IsWarned()
    {
        ProblemAssert.HasWarning(ValidateRoute("""{ "UpstreamHost": "shop.example.com:8443" }"""), At, "UpstreamHost", "never matches");
        ProblemAssert.None(ValidateRoute("""{ "UpstreamHost": "shop.example.com" }"""));
    }
}
