using System.Net;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Configuration;

/// <summary>
/// The largest value validation accepts for each time span, count and size works at run time: a route using it answers requests
/// (a period of 10675199d once passed validation and then failed every request of its route with 500). Values one step past each
/// limit are refused by validation; see the unit tests of the rules.
/// </summary>
public sealed class ValueLimitTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public ValueLimitTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    public static TheoryData<string, string> LargestAccepted() => new()
    {
        { "rate limit period and wait of 365d", """{ "RateLimitOptions": { "ClientIdHeader": "Oc-Client", "Period": "365d", "Wait": "365d", "Limit": 9223372036854775807 } }""" },
        { "legacy wait of 365 days", """{ "RateLimitOptions": { "ClientIdHeader": "Oc-Client", "Period": "1s", "PeriodTimespan": 31536000, "Limit": 1 } }""" },
        { "whole-call timeout of one day", """{ "Timeout": 86400 }""" },
        { "QoS windows just under one day", """{ "QoSOptions": { "MinimumThroughput": 2147483647, "BreakDuration": 86399999, "SamplingDuration": 86399999, "Timeout": 86399999, "FailureRatio": 1 } }""" },
        { "retry back-off of one day", """{ "RetryOptions": { "MaxRetries": 2147483647, "BaseDelay": 86400000, "MaxDelay": 86400000, "BudgetPercent": 2147483647, "MinRetriesPerSecond": 2147483647 } }""" },
        { "cache entries for 68 years", """{ "CacheOptions": { "TtlSeconds": 2147483647 } }""" },
        { "sticky sessions for 24 days", """{ "LoadBalancerOptions": { "Type": "CookieStickySessions", "Key": "sid", "Expiry": 2147483647 } }""" },
        { "connection limits at their maximum", """{ "HttpHandlerOptions": { "MaxConnectionsPerServer": 2147483647, "PooledConnectionLifetimeSeconds": 2147483647 } }""" },
        { "lowest priority", """{ "Priority": -2147483648 }""" },
    };

    [Theory]
    [MemberData(nameof(LargestAccepted))]
    public async Task LargestAcceptedValue_RouteServesRequests(string what, string options)
    {
        var route = Route(_stub, "/limits/{rest}", "/{rest}");
        foreach (var (key, value) in System.Text.Json.Nodes.JsonNode.Parse(options)!.AsObject())
        {
            route[key] = value!.DeepClone();
        }

        await using var gateway = await GatewayInstance.StartAsync(Routes(route));
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/limits/item");
            request.Headers.Add("Oc-Client", "one-client");
            request.Headers.Add("Cookie", "sid=abc");
            using var response = await gateway.Client.SendAsync(request);

            Assert.True(
                response.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests,
                $"{what}: request {i + 1} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
