using static OcelotGateway.Tests.Configuration.ValidationHarness;

namespace OcelotGateway.Tests.Configuration;

/// <summary>Hosts, ports, scheme, HTTP version and methods.</summary>
public sealed class DownstreamValidationTests
{
    private const string At = "Routes[0] (/orders/{id})";

    [Fact]
    public void Validate_NoHostsAndNoServiceName_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "DownstreamHostAndPorts": [] }"""), At, "DownstreamHostAndPorts", "required without ServiceName");
    }

    [Fact]
    public void Validate_ServiceNameInsteadOfHosts_IsValid()
    {
        ProblemAssert.None(ValidateRoute("""{ "DownstreamHostAndPorts": null, "ServiceName": "orders" }"""));
    }

    [Fact]
    public void Validate_HostsNextToServiceName_AreWarnedAsIgnored()
    {
        ProblemAssert.HasWarning(ValidateRoute("""{ "ServiceName": "orders" }"""), At, "DownstreamHostAndPorts", "ignored: ServiceName 'orders' is set");
    }

    [Fact]
    public void Validate_EmptyHost_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "DownstreamHostAndPorts": [ { "Host": "", "Port": 80 } ] }"""), At, "DownstreamHostAndPorts[0].Host", "required");
    }

    [Fact]
    public void Validate_HostWithScheme_IsError()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "DownstreamHostAndPorts": [ { "Host": "http://orders", "Port": 80 } ] }"""),
            At,
            "DownstreamHostAndPorts[0].Host",
            "must be a host name or IP address only; the scheme goes in DownstreamScheme");
    }

    [Fact]
    public void Validate_PortAbove65535_IsError()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "DownstreamHostAndPorts": [ { "Host": "orders", "Port": 70000 } ] }"""), At, "DownstreamHostAndPorts[0].Port", "70000 is out of range");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Validate_NegativePort_IsErrorNamingZeroForTheIncomingPort(int port)
    {
        ProblemAssert.HasError(
            ValidateRoute($$"""{ "DownstreamHostAndPorts": [ { "Host": "orders", "Port": {{port}} } ] }"""),
            At,
            "DownstreamHostAndPorts[0].Port",
            $"{port} is out of range; expected 1-65535, or 0 to keep the port of the incoming request");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65535)]
    public void Validate_PortZeroOrMaximum_IsValid(int port)
    {
        ProblemAssert.None(ValidateRoute($$"""{ "DownstreamHostAndPorts": [ { "Host": "orders", "Port": {{port}} } ] }"""));
    }

    [Fact]
    public void Validate_UnknownScheme_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "DownstreamScheme": "ftp" }"""), At, "DownstreamScheme", "unknown scheme 'ftp'; expected http, https, ws or wss");
    }

    [Fact]
    public void Validate_SchemeInAnyCase_IsValid()
    {
        ProblemAssert.None(ValidateRoute("""{ "DownstreamScheme": "WSS" }"""));
    }

    [Theory]
    [InlineData("HTTP/2")]
    [InlineData("1.1.1")]
    [InlineData("11")]
    public void Validate_BadHttpVersion_IsError(string version)
    {
        ProblemAssert.HasError(
            ValidateRoute($$"""{ "DownstreamHttpVersion": "{{version}}" }"""), At, "DownstreamHttpVersion", $"'{version}' is not an HTTP version; expected 1.0, 1.1, 2.0 or 3.0");
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2.0")]
    [InlineData("1,1")]
    public void Validate_HttpVersion_IsValid(string version)
    {
        ProblemAssert.None(ValidateRoute($$"""{ "DownstreamHttpVersion": "{{version}}" }"""));
    }

    [Fact]
    public void Validate_VersionPolicyInWrongCase_IsError()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "DownstreamHttpVersionPolicy": "requestversionexact" }"""),
            At,
            "DownstreamHttpVersionPolicy",
            "unknown policy 'requestversionexact'; expected RequestVersionExact, RequestVersionOrLower or RequestVersionOrHigher");
        ProblemAssert.None(ValidateRoute("""{ "DownstreamHttpVersionPolicy": "RequestVersionExact" }"""));
    }

    [Fact]
    public void Validate_DownstreamMethodThatIsNotAToken_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "DownstreamHttpMethod": "PO ST" }"""), At, "DownstreamHttpMethod", "'PO ST' is not an HTTP method");
        ProblemAssert.None(ValidateRoute("""{ "DownstreamHttpMethod": "Post" }"""));
    }

    [Fact]
    public void Validate_UpstreamMethodThatIsNotAToken_IsWarned()
    {
        ProblemAssert.HasWarning(ValidateRoute("""{ "UpstreamHttpMethod": [ "Get", "Get,Post" ] }"""), At, "UpstreamHttpMethod[1]", "'Get,Post' is not an HTTP method, so no request matches it");
    }
}
