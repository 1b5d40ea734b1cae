using System.Net;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Security;

/// <summary>
/// <c>SecurityOptions</c> IP allow and block lists (reference §2.14, scenario 47). The test client always connects from
/// 127.0.0.1, so lists with and without that address decide the outcome.
/// </summary>
public sealed class IpFilteringTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public IpFilteringTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
        _stub.Clear();
    }

    [Fact]
    public async Task AllowedList_WithoutTheClient_403ProblemAndNothingForwarded_WithTheClient_200()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/closed", "/closed", new { SecurityOptions = new { IPAllowedList = new[] { "10.0.0.0/8", "192.168.1.30-50" } } }),
            Route(_stub, "/open", "/open", new { SecurityOptions = new { IPAllowedList = new[] { "10.0.0.1", "127.0.0.1" } } })));

        var closed = await gateway.Client.GetAsync("/closed");
        var open = await gateway.Client.GetAsync("/open");

        Assert.Equal(HttpStatusCode.Forbidden, closed.StatusCode);
        Assert.Equal("application/problem+json", closed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(["/open"], _stub.Received.Select(r => r.Path));
    }

    [Fact]
    public async Task GlobalBlockedList_AppliesToRoutesWithoutLists_RouteListsReplaceIt()
    {
        await using var gateway = await GatewayInstance.StartAsync(Document(
            [
                Route(_stub, "/plain", "/plain"),
                Route(_stub, "/own-lists", "/own-lists", new { SecurityOptions = new { IPAllowedList = new[] { "127.0.0.1" } } }),
            ],
            new { SecurityOptions = new { IPBlockedList = new[] { "127.0.0.0/8" } } }));

        Assert.Equal(HttpStatusCode.Forbidden, (await gateway.Client.GetAsync("/plain")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/own-lists")).StatusCode);
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.Forbidden)]
    public async Task ExcludeAllowedFromBlocked_LetsAllowedAddressesThroughAWiderBlock(bool exclude, HttpStatusCode expected)
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/r", "/r", new
        {
            SecurityOptions = new { IPAllowedList = new[] { "127.0.0.1-5" }, IPBlockedList = new[] { "127.0.0.0/8" }, ExcludeAllowedFromBlocked = exclude },
        })));

        Assert.Equal(expected, (await gateway.Client.GetAsync("/r")).StatusCode);
    }

    [Fact]
    public async Task ForwardedFor_IsIgnoredUnlessTheProxyIsTrusted()
    {
        var routes = Routes(Route(_stub, "/r", "/r", new { SecurityOptions = new { IPBlockedList = new[] { "203.0.113.0/24" } } }));
        await using var untrusting = await GatewayInstance.StartAsync(routes);
        await using var trusting = await GatewayInstance.StartAsync(routes, o => o.Settings["Gateway:Security:TrustedProxies:0"] = "127.0.0.1");

        var spoofed = await SendForwardedAsync(untrusting, "203.0.113.9");
        var blockedClient = await SendForwardedAsync(trusting, "203.0.113.9");
        var otherClient = await SendForwardedAsync(trusting, "203.0.113.9, 198.51.100.7");

        Assert.Equal(HttpStatusCode.OK, spoofed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, blockedClient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task BadEntry_StopsStartupNamingIt()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => GatewayInstance.StartAsync(
            Routes(Route(_stub, "/r", "/r", new { SecurityOptions = new { IPBlockedList = new[] { "10.0.0.300" } } }))));

        Assert.Contains("SecurityOptions.IPBlockedList[0]", ex.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendForwardedAsync(GatewayInstance gateway, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/r");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return gateway.Client.SendAsync(request);
    }
}
