using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using OcelotGateway.IntegrationTests.Infrastructure;

namespace OcelotGateway.IntegrationTests.Routing;

/// <summary>
/// Route folders written the way Ocelot users write them (comments, trailing commas, camel-cased keys, ports as strings,
/// one fragment per service plus <c>ocelot.global.json</c>, an environment overlay, the pre-v16 <c>ReRoutes</c> key) load
/// and route unchanged.
/// </summary>
public sealed class OcelotSampleFolderTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public OcelotSampleFolderTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    [Fact]
    public async Task FolderMerge_WithCommentsAndTrailingCommas_RoutesEveryFragment_GlobalAndEnvironmentApply()
    {
        var port = _stub.Port.ToString(CultureInfo.InvariantCulture);
        await using var gateway = await GatewayInstance.StartWithFilesAsync(
            new Dictionary<string, string>
            {
                ["ocelot.global.json"] = """
                    // Shared settings: only this file's GlobalConfiguration counts in a folder merge.
                    {
                      "GlobalConfiguration": {
                        "BaseUrl": "https://api.mybusiness.com",
                        "RequestIdKey": "OcRequestId", /* correlation header */
                      },
                    }
                    """,
                ["ocelot.orders.json"] = $$"""
                    {
                      // camelCase keys bind like PascalCase ones, as in Ocelot
                      "routes": [
                        {
                          "downstreamPathTemplate": "/api/orders/{id}",
                          "downstreamScheme": "http",
                          "downstreamHostAndPorts": [ { "host": "127.0.0.1", "port": "{{port}}" }, ],
                          "upstreamPathTemplate": "/orders/{id}",
                          "upstreamHttpMethod": [ "Get", "Put" ],
                        },
                      ],
                    }
                    """,
                ["ocelot.customers.json"] = $$"""
                    {
                      "Routes": [
                        {
                          "DownstreamPathTemplate": "/internal/{everything}",
                          "DownstreamScheme": "http",
                          "DownstreamHostAndPorts": [ { "Host": "localhost", "Port": 1 } ],
                          "UpstreamPathTemplate": "/customers/{everything}",
                          "UpstreamHttpMethod": [],
                        },
                      ],
                      // ignored in a folder merge, as Ocelot does
                      "GlobalConfiguration": { "RequestIdKey": "Wrong" },
                    }
                    """,
                // Production overlay: arrays overlay by index, so this re-points the first route of the merge (customers,
                // sorted by file name) at the real stub.
                ["ocelot.Production.json"] = $$"""
                    { "Routes": [ { "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{port}} } ] } ] }
                    """,
                // Another environment's file never takes part.
                ["ocelot.Development.json"] = """{ "Routes": [ { "UpstreamPathTemplate": "/dev-only" } ] }""",
            },
            o => o.Environment = "Production");

        var order = new HttpRequestMessage(HttpMethod.Get, "/orders/42");
        order.Headers.Add("OcRequestId", "sample-1");
        var orderResponse = await gateway.Client.SendAsync(order);
        var orderEcho = await orderResponse.Content.ReadFromJsonAsync<EchoResponse>();
        var customer = await gateway.Client.DeleteAsync("/customers/7/addresses?primary=true");
        var customerEcho = await customer.Content.ReadFromJsonAsync<EchoResponse>();

        Assert.Equal(HttpStatusCode.OK, orderResponse.StatusCode);
        Assert.Equal("/api/orders/42", orderEcho!.Path);
        Assert.Equal("sample-1", orderEcho.Headers["OcRequestId"]);
        Assert.Equal("sample-1", orderResponse.Headers.GetValues("OcRequestId").Single());
        Assert.Equal(HttpStatusCode.OK, customer.StatusCode);
        Assert.Equal("DELETE", customerEcho!.Method);
        Assert.Equal("/internal/7/addresses?primary=true", customerEcho.RawTarget);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.PostAsync("/orders/42", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/dev-only")).StatusCode);
    }

    [Fact]
    public async Task LegacyReRoutesFile_RoutesAsRoutes()
    {
        await using var gateway = await GatewayInstance.StartAsync($$"""
            {
              // Ocelot 15 and older called routes "ReRoutes"
              "ReRoutes": [
                {
                  "DownstreamPathTemplate": "/legacy/{url}",
                  "DownstreamScheme": "http",
                  "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{_stub.Port}} } ],
                  "UpstreamPathTemplate": "/old/{url}",
                  "UpstreamHttpMethod": [ "Get" ],
                  "ReRouteIsCaseSensitive": true,
                },
              ],
              "GlobalConfiguration": {},
            }
            """);

        var echo = await gateway.Client.GetFromJsonAsync<EchoResponse>("/old/thing");

        Assert.Equal("/legacy/thing", echo!.Path);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/OLD/thing")).StatusCode);
    }
}
