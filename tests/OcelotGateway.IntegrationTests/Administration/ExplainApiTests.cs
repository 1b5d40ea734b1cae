using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Administration;

/// <summary><c>POST /administration/explain</c> on a running gateway: the live configuration and instances, behind the admin credentials.</summary>
public sealed class ExplainApiTests : IClassFixture<StubFixture>
{
    private const string AdminKey = "admin-key-for-tests-0123456789";
    private const string Seed = "0ExPlA1nAp1s";

    private readonly DownstreamStub _stub;

    public ExplainApiTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
        _stub.Clear();
    }

    [Fact]
    public async Task Explain_NeedsTheAdministrationCredentials_AndNeverCallsDownstream()
    {
        await using var gateway = await StartAsync(Routes(Route(_stub, "/orders/{id}", "/api/orders/{id}")));

        var anonymous = await gateway.Client.PostAsJsonAsync("/administration/explain", new { method = "GET", url = "/orders/1" });
        var withKey = await ExplainAsync(gateway, new { method = "GET", url = "/orders/1" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
        Assert.Equal("no-store", withKey.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", withKey.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task Explain_LiveRoute_DownstreamOnTheRunningInstance_WithFileLineAndGeneration()
    {
        await using var gateway = await StartAsync(Routes(
            Route(_stub, "/orders/{id}", "/api/orders/{id}", new { Key = "orders", UpstreamHttpMethod = new[] { "Get" }, UpstreamHeaderTransform = new Dictionary<string, string> { ["X-Tenant"] = "acme" } }),
            Route(_stub, "/orders/{id}", "/api/v2/orders/{id}", new { UpstreamHttpMethod = new[] { "Post" } })));

        var response = await ExplainAsync(gateway, new { method = "GET", url = "/orders/42?expand=lines", headers = new Dictionary<string, string> { ["Accept"] = "application/json" } });
        var explanation = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("route", explanation["outcome"]!.GetValue<string>());
        Assert.True(explanation["live"]!.GetValue<bool>());
        Assert.Equal(gateway.State.Current!.Generation, explanation["generation"]!.GetValue<long>());
        Assert.Equal("orders", explanation["match"]!["key"]!.GetValue<string>());
        Assert.Equal("ocelot.json", explanation["match"]!["file"]!.GetValue<string>());
        Assert.Equal(1, explanation["match"]!["line"]!.GetValue<int>());
        Assert.Equal("42", explanation["placeholders"]!["{id}"]!.GetValue<string>());
        var downstream = explanation["downstream"]!;
        Assert.Equal(_stub.Address + "/api/orders/42?expand=lines", downstream["url"]!.GetValue<string>());
        var headers = downstream["headers"]!.AsArray().ToDictionary(h => h!["name"]!.GetValue<string>(), h => h!["value"]!.GetValue<string>());
        Assert.Equal("acme", headers["X-Tenant"]);
        Assert.Equal("application/json", headers["Accept"]);
        var balancer = explanation["policies"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "load balancer")!;
        var instance = Assert.Single(balancer["details"]!["instances"]!.AsArray())!;
        Assert.Equal(_stub.Address, instance["address"]!.GetValue<string>());
        Assert.Equal("available", instance["health"]!.GetValue<string>());
        var loser = explanation["candidates"]!.AsArray().Single(c => c!["verdict"]!.GetValue<string>() == "no-match")!;
        Assert.Equal("method: GET is not one of Post", loser["reasons"]![0]!.GetValue<string>());
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task Explain_AdministrationPath_IsAnsweredByTheGatewayItself()
    {
        await using var gateway = await StartAsync(Routes(Route(_stub, "/{everything}", "/{everything}")));

        var explanation = JsonNode.Parse(await (await ExplainAsync(gateway, new { method = "GET", url = "/administration/configuration" })).Content.ReadAsStringAsync())!;

        Assert.Equal("administration", explanation["outcome"]!.GetValue<string>());
        Assert.Null(explanation["downstream"]);
    }

    [Fact]
    public async Task Explain_WhateverTheBody_Answers200Or400ProblemJson_Never5xx()
    {
        await using var gateway = await StartAsync(Routes(Route(_stub, "/orders/{id}", "/api/orders/{id}")));
        var junk = Gen.Char['\0', '\u00ff'].Array[0, 24].Select(chars => new string(chars));
        var text = Gen.OneOf(junk, Gen.OneOf("GET", "/orders/1", "http://x/orders/1", "ftp://x", "a\r\nb", "", " ", "//evil", "http://u:p@h/"));
        var value = Gen.OneOf(
            text.Select(t => (JsonNode?)JsonValue.Create(t)),
            Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Const((JsonNode?)null),
            Gen.Select(text, text).Array[0, 4].Select(pairs => (JsonNode?)new JsonObject(
                pairs.DistinctBy(p => p.Item1).Select(p => KeyValuePair.Create(p.Item1, (JsonNode?)JsonValue.Create(p.Item2))))));
        var body = Gen.OneOf(
            Gen.Select(value, value, value, value).Select((m, u, h, c) => new JsonObject { ["method"] = m, ["url"] = u, ["headers"] = h, ["clientAddress"] = c }.ToJsonString()),
            junk,
            Gen.OneOf("[]", "null", "{", "\"x\"", "{\"method\":\"GET\",\"url\":\"/orders/1\",\"headers\":{\"X\":\"a\\u0000b\"}}"));

        await body.SampleAsync(async json =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/administration/explain") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Api-Key", AdminKey);
            var response = await gateway.Client.SendAsync(request);

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode} for {json}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }, seed: Seed, iter: 400);
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task Explain_BodyOver64KiB_Is400()
    {
        await using var gateway = await StartAsync(Routes(Route(_stub, "/orders/{id}", "/api/orders/{id}")));

        var response = await ExplainAsync(gateway, new { method = "GET", url = "/orders/" + new string('x', 70_000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static Task<GatewayInstance> StartAsync(string json) =>
        GatewayInstance.StartAsync(json, o => o.Settings["Gateway:Administration:ApiKey"] = AdminKey);

    private static Task<HttpResponseMessage> ExplainAsync(GatewayInstance gateway, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/administration/explain") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", AdminKey);
        return gateway.Client.SendAsync(request);
    }
}
