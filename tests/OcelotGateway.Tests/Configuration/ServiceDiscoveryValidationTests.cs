using OcelotGateway.Configuration.Validation;
using static OcelotGateway.Tests.Configuration.ValidationHarness;

namespace OcelotGateway.Tests.Configuration;

public sealed class ServiceDiscoveryValidationTests
{
    private static readonly ValidationContext WithoutDiscovery = new() { ServiceDiscoveryAvailable = false };

    [Theory]
    [InlineData("Eureka")]
    [InlineData("Kube")]
    [InlineData("ServiceFabric")]
    public void Validate_ProviderThisGatewayDoesNotImplement_IsError(string type)
    {
        ProblemAssert.HasError(
            ValidateGlobal($$"""{ "ServiceDiscoveryProvider": { "Type": "{{type}}", "Host": "registry", "Port": 8761 } }"""),
            "GlobalConfiguration",
            "ServiceDiscoveryProvider.Type",
            $"'{type}' is not supported by this gateway; expected Consul or PollConsul");
    }

    [Theory]
    [InlineData("consul")]
    [InlineData("")]
    public void Validate_ConsulInAnyCaseOrBlank_IsValid(string type)
    {
        ProblemAssert.None(ValidateGlobal($$"""{ "ServiceDiscoveryProvider": { "Type": "{{type}}", "Host": "consul", "Port": 8500 } }"""));
    }

    [Fact]
    public void Validate_PollConsulWithoutInterval_IsError()
    {
        ProblemAssert.HasError(
            ValidateGlobal("""{ "ServiceDiscoveryProvider": { "Type": "PollConsul", "Host": "consul", "Port": 8500 } }"""),
            "GlobalConfiguration",
            "ServiceDiscoveryProvider.PollingInterval",
            "PollConsul needs PollingInterval above 0");
        ProblemAssert.None(ValidateGlobal("""{ "ServiceDiscoveryProvider": { "Type": "PollConsul", "Host": "consul", "Port": 8500, "PollingInterval": 1000 } }"""));
    }

    [Fact]
    public void Validate_ServiceNameWithoutDiscovery_IsError()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "ServiceName": "orders", "DownstreamHostAndPorts": null }""", WithoutDiscovery),
            "Routes[0] (/orders/{id})",
            "ServiceName",
            "needs service discovery, but no discovery provider is registered");
    }

    [Fact]
    public void Validate_DynamicRoutesWithoutDiscovery_IsError()
    {
        var problems = Validate("""
            { "DynamicRoutes": [ { "ServiceName": "orders" } ], "GlobalConfiguration": { "ServiceDiscoveryProvider": { "Host": "consul", "Port": 8500 } } }
            """, WithoutDiscovery);

        ProblemAssert.HasError(problems, "DynamicRoutes[0] (orders)", "ServiceName", "needs service discovery");
        ProblemAssert.HasError(problems, "GlobalConfiguration", "ServiceDiscoveryProvider", "dynamic routing (no Routes, a provider with Host and Port) needs service discovery");
    }

    [Fact]
    public void Validate_DynamicRoutesNextToStaticRoutes_AreWarnedAsIgnored()
    {
        var problems = Validate("{ \"Routes\": [ " + Route() + " ], \"DynamicRoutes\": [ { \"ServiceName\": \"orders\", \"DownstreamScheme\": \"https\" } ] }");

        ProblemAssert.HasWarning(problems, "DynamicRoutes[0] (orders)", "DynamicRoutes", "dynamic routing, which is off while there are static Routes");
    }

    [Fact]
    public void Validate_DynamicRouteOptions_AreChecked()
    {
        var problems = Validate("""
            { "DynamicRoutes": [ { "ServiceName": "orders", "DownstreamScheme": "tcp", "RateLimitRule": { "Period": "often", "Limit": 3 } } ], "GlobalConfiguration": { "ServiceDiscoveryProvider": { "Host": "consul", "Port": 8500 } } }
            """);

        ProblemAssert.HasError(problems, "DynamicRoutes[0] (orders)", "DownstreamScheme", "unknown scheme 'tcp'");
        ProblemAssert.HasError(problems, "DynamicRoutes[0] (orders)", "RateLimitRule.Period", "'often' is not a period");
    }

    [Fact]
    public void Validate_DynamicRoutingWithDiscovery_IsValid()
    {
        ProblemAssert.None(Validate("""
            { "DynamicRoutes": [ { "ServiceName": "orders", "DownstreamScheme": "https", "RateLimitRule": { "Period": "1s", "Limit": 3 } } ], "GlobalConfiguration": { "ServiceDiscoveryProvider": { "Host": "consul", "Port": 8500 } } }
            """));
    }

    [Fact]
    public void Validate_ProviderPortAndScheme_AreChecked()
    {
        var problems = ValidateGlobal("""{ "ServiceDiscoveryProvider": { "Scheme": "consul", "Host": "consul", "Port": 85000 } }""");

        ProblemAssert.HasError(problems, "GlobalConfiguration", "ServiceDiscoveryProvider.Port", "85000 is out of range");
        ProblemAssert.HasError(problems, "GlobalConfiguration", "ServiceDiscoveryProvider.Scheme", "unknown scheme 'consul'; expected http or https");
    }
}
