using System.Net;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Security;

/// <summary>The CORS policy from <c>Gateway:Cors</c> (our extension): pre-flights answered by the gateway, headers on responses.</summary>
public sealed class CorsTests : IClassFixture<StubFixture>
{
    private const string App = "https://app.example.com";

    private readonly DownstreamStub _stub;

    public CorsTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
        _stub.Clear();
    }

    [Fact]
    public async Task Preflight_FromAllowedOrigin_AnsweredByTheGateway()
    {
        await using var gateway = await StartAsync();

        var response = await gateway.Client.SendAsync(Preflight(App, "PUT", "content-type, authorization"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(App, Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("PUT", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
        Assert.Contains("authorization", Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task Preflight_FromOtherOrigin_GetsNoAllowHeaders()
    {
        await using var gateway = await StartAsync();

        var response = await gateway.Client.SendAsync(Preflight("https://evil.example", "PUT", "content-type"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task ActualRequest_FromAllowedOrigin_IsForwardedWithCorsHeaders()
    {
        await using var gateway = await StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/orders/1");
        request.Headers.Add("Origin", App);

        var response = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(App, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("X-Request-Id", Header(response, "Access-Control-Expose-Headers"));
        Assert.Equal(1, _stub.Count);
    }

    [Fact]
    public async Task WithoutCorsSettings_PreflightIsForwardedDownstream()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/orders/{id}", "/orders/{id}")));

        var response = await gateway.Client.SendAsync(Preflight(App, "PUT", "content-type"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("OPTIONS", Assert.Single(_stub.Received).Method);
    }

    private Task<GatewayInstance> StartAsync() =>
        GatewayInstance.StartAsync(Routes(Route(_stub, "/orders/{id}", "/orders/{id}")), o =>
        {
            o.Settings["Gateway:Cors:AllowedOrigins:0"] = App;
            o.Settings["Gateway:Cors:AllowedMethods:0"] = "GET";
            o.Settings["Gateway:Cors:AllowedMethods:1"] = "PUT";
            o.Settings["Gateway:Cors:ExposedHeaders:0"] = "X-Request-Id";
            o.Settings["Gateway:Cors:AllowCredentials"] = "true";
            o.Settings["Gateway:Cors:MaxAgeSeconds"] = "600";
        });

    private static HttpRequestMessage Preflight(string origin, string method, string headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/orders/1");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;
}
