using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Caching;
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
    public async Task Explain_BodyOver64KiB_Is413ProblemJson_WithOrWithoutALength()
    {
        await using var gateway = await StartAsync(Routes(Route(_stub, "/orders/{id}", "/api/orders/{id}")));
        var large = new { method = "GET", url = "/orders/" + new string('x', 70_000) };

        // JsonContent streams without a Content-Length; ByteArrayContent declares one, refused before the body is read.
        var streamed = await ExplainAsync(gateway, large);
        using var declared = new HttpRequestMessage(HttpMethod.Post, "/administration/explain") { Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(large)) };
        declared.Headers.Add("X-Api-Key", AdminKey);
        var declaredResponse = await gateway.Client.SendAsync(declared);

        Assert.Null(streamed.RequestMessage!.Content!.Headers.ContentLength);
        foreach (var response in new[] { streamed, declaredResponse })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("larger than 64 KiB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Explain_CacheKey_IsTheKeyTheCacheStepStoresTheResponseUnder()
    {
        await using var gateway = await StartAsync(Routes(Route(_stub, "/prices", "/api/prices", new { FileCacheOptions = new { TtlSeconds = 100, Region = "prices" } })));
        using var miss = await gateway.Client.GetAsync("/prices?currency=EUR");
        using var hit = await gateway.Client.GetAsync("/prices?currency=EUR");
        var store = gateway.Services.GetRequiredService<ICacheStore>();

        var same = await CacheKeyAsync(gateway, "/prices?currency=EUR");
        var other = await CacheKeyAsync(gateway, "/prices?currency=USD");

        Assert.Equal("HIT", hit.Headers.GetValues("X-Cache").Single());
        Assert.Equal(CacheStoreStatus.Done, (await store.GetAsync(same, CancellationToken.None)).Status);
        Assert.Equal(CacheStoreStatus.Missing, (await store.GetAsync(other, CancellationToken.None)).Status);
        Assert.Equal(1, _stub.Count);
    }

    /// <summary>
    /// For generated raw requests (escaped and dot segments, header values that are not ASCII or would make a dot segment
    /// downstream), what <c>explain</c> says the gateway answers is what the running gateway answers: forwarded (200 from the
    /// stub), refused with the status it names, or 404 without a route.
    /// </summary>
    [Fact]
    public async Task Explain_AgreesWithTheGateway_OnWhichRequestsAreForwardedOrRefused()
    {
        await using var gateway = await StartAsync(Routes(
            Route(_stub, "/files/{everything}", "/store/{everything}"),
            Route(_stub, "/data", "/tenants/{tenant}/data", new { UpstreamHeaderTemplates = new Dictionary<string, string> { ["X-Tenant"] = "{header:tenant}" } })));
        var segment = Gen.OneOf(Gen.OneOf("a", "b1", "%41", "%2F", "%252e", ".", "..", "%2e%2e", "%2E.", "%00", "%e2%98%83", "%ff", "~x"), Gen.Char["abc-_"].Array[1, 5].Select(chars => new string(chars)));
        var path = Gen.OneOf(
            segment.Array[1, 4].Select(s => "/files/" + string.Join('/', s)),
            Gen.Const("/data"),
            segment.Array[1, 2].Select(s => "/" + string.Join('/', s)));
        var headerValue = Gen.OneOf("acme", "..", "%2e%2e", "a/../..", "..;x", "caf\u00e9", "\u2603", "plain text");
        var optional = Gen.OneOf(headerValue.Select(v => (string?)v), Gen.Const((string?)null));
        var cases = Gen.Select(path, optional, optional);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();

        await cases.SampleAsync(async c =>
        {
            var (target, tenant, name) = c;

            // Cases run in parallel on one stub: each finds its own downstream request by this header.
            var id = Guid.NewGuid().ToString("N");
            var headers = new Dictionary<string, string> { ["X-Case"] = id };
            if (tenant is not null)
            {
                headers["X-Tenant"] = tenant;
            }

            if (name is not null)
            {
                headers["X-Name"] = name;
            }

            var explained = JsonNode.Parse(await (await ExplainAsync(gateway, new { method = "GET", url = target, headers })).Content.ReadAsStringAsync())!;
            var answer = await RawHttp.SendAsync(
                gateway.BaseAddress, Encoding.UTF8.GetBytes(RawHttp.Head("GET", target, [.. headers.Select(h => h.Key + ": " + h.Value)])));

            var outcome = explained["outcome"]!.GetValue<string>();
            var expected = explained["refusal"] is { } refusal ? refusal["status"]!.GetValue<int>() : outcome == "no-route" ? 404 : 200;
            Assert.True(expected == answer.StatusCode, $"{target} {string.Join(", ", headers)}: explain says {expected} ({outcome}), the gateway answers {answer.StatusCode}");
            seen[outcome + " " + expected] = true;
            Assert.Equal(expected == 200 ? 1 : 0, _stub.Received.Count(r => r.Headers.Any(h => h.Key.Equals("X-Case", StringComparison.OrdinalIgnoreCase) && h.Value == id)));
        }, seed: Seed, iter: 300);

        // The cases reach every answer: forwarded, refused on the route, refused by the server, and no route.
        Assert.Superset(new HashSet<string> { "route 200", "route 400", "refused 400", "no-route 404" }, seen.Keys.ToHashSet());
    }

    private static async Task<string> CacheKeyAsync(GatewayInstance gateway, string url)
    {
        var explained = JsonNode.Parse(await (await ExplainAsync(gateway, new { method = "GET", url, clientAddress = "127.0.0.1" })).Content.ReadAsStringAsync())!;
        return explained["policies"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "cache")!["details"]!["key"]!.GetValue<string>();
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
