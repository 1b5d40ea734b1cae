using System.Net.Http.Json;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Forwarding;

/// <summary>
/// <c>AddForwardedHeaders</c> (our extension): Ocelot sends no X-Forwarded-* headers, so routes add them only when the route
/// or <c>GlobalConfiguration</c> asks; a client's own X-Forwarded-* headers pass through untouched otherwise.
/// </summary>
public sealed class ForwardedHeadersTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public ForwardedHeadersTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Clear();
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    [Fact]
    public async Task Default_NoForwardedHeaders_ClientsOwnPassUnchanged()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/a/{x}", "/{x}")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/a/1");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var echo = await (await gateway.Client.SendAsync(request)).Content.ReadFromJsonAsync<EchoResponse>();

        Assert.Equal("203.0.113.9", echo!.Headers["X-Forwarded-For"]);
        Assert.False(echo.Headers.ContainsKey("X-Forwarded-Host"));
        Assert.False(echo.Headers.ContainsKey("X-Forwarded-Proto"));
    }

    [Fact]
    public async Task GlobalOptIn_AddsForwardedHeaders_RouteFalseOptsOut()
    {
        await using var gateway = await GatewayInstance.StartAsync(Document(
            [Route(_stub, "/on/{x}", "/{x}"), Route(_stub, "/off/{x}", "/{x}", new { AddForwardedHeaders = false })],
            new { AddForwardedHeaders = true }));

        var on = await gateway.Client.GetFromJsonAsync<EchoResponse>("/on/1");
        var off = await gateway.Client.GetFromJsonAsync<EchoResponse>("/off/1");

        Assert.Equal("127.0.0.1", on!.Headers["X-Forwarded-For"]);
        Assert.Equal($"127.0.0.1:{gateway.BaseAddress.Port}", on.Headers["X-Forwarded-Host"]);
        Assert.Equal("http", on.Headers["X-Forwarded-Proto"]);
        Assert.DoesNotContain(off!.Headers.Keys, name => name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task RouteOptIn_ReplacesTheClientsForwardedFor_WithTheConnectionsAddress()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/a/{x}", "/{x}", new { AddForwardedHeaders = true })));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/a/1");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var echo = await (await gateway.Client.SendAsync(request)).Content.ReadFromJsonAsync<EchoResponse>();

        Assert.Equal("127.0.0.1", echo!.Headers["X-Forwarded-For"]);
        Assert.Equal("http", echo.Headers["X-Forwarded-Proto"]);
    }
}
