using OcelotGateway.Configuration.Validation;
using static OcelotGateway.Tests.Configuration.ValidationHarness;

namespace OcelotGateway.Tests.Configuration;

/// <summary>Authentication schemes, IP lists, header transforms and claim expressions.</summary>
public sealed class SecurityValidationTests
{
    private const string At = "Routes[0] (/orders/{id})";
    private static readonly ValidationContext WithBearer = new() { AuthenticationSchemes = new HashSet<string> { "Bearer", "ApiKey" } };

    [Fact]
    public void Validate_UnregisteredAuthenticationScheme_IsErrorListingRegisteredOnes()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "AuthenticationOptions": { "AuthenticationProviderKeys": [ "Bearer", "Jwt" ] } }""", WithBearer),
            At,
            "AuthenticationOptions.AuthenticationProviderKeys[1]",
            "no authentication scheme 'Jwt' is registered; registered: ApiKey, Bearer");
    }

    [Fact]
    public void Validate_RegisteredAuthenticationScheme_IsValid()
    {
        ProblemAssert.None(ValidateRoute("""{ "AuthenticationOptions": { "AuthenticationProviderKey": "Bearer", "AllowedScopes": [ "orders" ] } }""", WithBearer));
    }

    [Fact]
    public void Validate_GlobalAuthenticationScheme_IsChecked()
    {
        ProblemAssert.HasError(
            ValidateGlobal("""{ "AuthenticationOptions": { "AuthenticationProviderKey": "bearer" } }""", WithBearer),
            "GlobalConfiguration",
            "AuthenticationOptions.AuthenticationProviderKey",
            "no authentication scheme 'bearer' is registered");
    }

    [Fact]
    public void Validate_SchemesUnknownToTheCaller_AreNotChecked()
    {
        ProblemAssert.None(ValidateRoute("""{ "AuthenticationOptions": { "AuthenticationProviderKey": "Anything" } }""", new ValidationContext()));
    }

    [Fact]
    public void Validate_BadIpEntry_IsErrorSayingWhatIsAllowed()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "SecurityOptions": { "IPAllowedList": [ "10.0.0.1", "10.0.0.*" ] } }"""),
            At,
            "SecurityOptions.IPAllowedList[1]",
            "'10.0.0.*' is not an IP address, range (10.0.0.1-10.0.0.9 or 10.0.0.1-9) or network");
    }

    [Fact]
    public void Validate_EveryIpEntryForm_IsValid()
    {
        ProblemAssert.None(ValidateGlobal("""
            { "SecurityOptions": { "IPAllowedList": [ "192.168.1.30-50", "10.0.0.1-10.0.0.9", "10.0.0.0/8", "172.16.0.0/255.240.0.0", "2001:db8::/32", "::1" ], "IPBlockedList": [ "192.168.1.40" ] } }
            """));
    }

    [Fact]
    public void Validate_HeaderTransformWithUnknownPlaceholder_IsWarned()
    {
        ProblemAssert.HasWarning(
            ValidateRoute("""{ "UpstreamHeaderTransform": { "X-Trace": "{TraceId}" } }"""),
            At,
            "UpstreamHeaderTransform.X-Trace",
            "{TraceId} cannot be resolved for request headers, so the header is skipped; known: {BaseUrl}, {RemoteIpAddress}, {UpstreamHost}");
    }

    [Fact]
    public void Validate_HeaderTransformWithNothingToFind_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "DownstreamHeaderTransform": { "Location": ", {BaseUrl}" } }"""), At, "DownstreamHeaderTransform.Location", "nothing to find before the comma");
    }

    [Fact]
    public void Validate_DownstreamBaseUrlOnRequestSide_IsWarned()
    {
        ProblemAssert.HasWarning(
            ValidateRoute("""{ "UpstreamHeaderTransform": { "Referer": "{DownstreamBaseUrl}, {BaseUrl}" } }"""),
            At,
            "UpstreamHeaderTransform.Referer",
            "{DownstreamBaseUrl} is known only for response headers");
    }

    [Fact]
    public void Validate_HeaderTransformWithBadHeaderName_IsError()
    {
        ProblemAssert.HasError(ValidateGlobal("""{ "UpstreamHeaderTransform": { "X Forwarded": "yes" } }"""), "GlobalConfiguration", "UpstreamHeaderTransform.X Forwarded", "'X Forwarded' is not a valid header name");
    }

    [Fact]
    public void Validate_OcelotsHeaderTransformExamples_AreValid()
    {
        ProblemAssert.None(ValidateRoute("""
            {
              "UpstreamHeaderTransform": { "X-Forwarded-For": "{RemoteIpAddress}", "X-Forwarded-Host": "{BaseUrl}", "Laz": "D, GP" },
              "DownstreamHeaderTransform": { "Location": "{DownstreamBaseUrl}, {BaseUrl}", "X-Trace": "{TraceId}" }
            }
            """));
    }

    [Fact]
    public void Validate_MalformedClaimExpression_IsError()
    {
        var problems = ValidateRoute("""{ "AddHeadersToRequest": { "X-User": "Claims[sub > value", "X-Tenant": "Claims[tenant] > value[0] > |", "X-Fixed": "gateway" } }""");

        ProblemAssert.HasError(problems, At, "AddHeadersToRequest.X-User", "'Claims[sub > value' is not a valid claim expression");
        Assert.Single(problems);
    }
}
