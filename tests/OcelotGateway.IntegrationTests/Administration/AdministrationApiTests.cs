using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OcelotGateway.IntegrationTests.Discovery;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Administration;

/// <summary>
/// The administration API's configuration endpoints (reference §7): access by API key or bearer token with the admin scope,
/// GET the running configuration, POST a replacement that is validated before anything is written.
/// </summary>
public sealed class AdministrationApiTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public AdministrationApiTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
        _stub.Clear();
    }

    [Fact]
    public async Task Access_WithoutCredentials401_TokenWithoutScope403_KeyOrScopedToken200()
    {
        await using var gateway = await StartAsync(Routes(Route(_stub, "/orders", "/orders")));

        var anonymous = await gateway.Client.GetAsync("/administration/configuration");
        var wrongScope = await SendAsync(gateway, HttpMethod.Get, Bearer(TestTokens.Mint(("sub", "ops"), ("scope", "orders.read"))));
        var scopedToken = await SendAsync(gateway, HttpMethod.Get, Bearer(TestTokens.Mint(("sub", "ops"), ("scope", "gateway.admin"))));
        var apiKey = await SendAsync(gateway, HttpMethod.Get, KeyHeader);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scopedToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, apiKey.StatusCode);
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task Get_ReturnsTheMergedConfigurationInOcelotShape()
    {
        await using var gateway = await StartWithFilesAsync(new Dictionary<string, string>
        {
            ["ocelot.orders.json"] = Routes(Route(_stub, "/orders", "/orders", new { CustomFlag = "kept" })),
            ["ocelot.global.json"] = JsonSerializer.Serialize(new { GlobalConfiguration = new { RequestIdKey = "X-Correlation" } }),
        });

        var response = await SendAsync(gateway, HttpMethod.Get, KeyHeader);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/orders", document["Routes"]![0]!["UpstreamPathTemplate"]!.GetValue<string>());
        Assert.Equal("kept", document["Routes"]![0]!["CustomFlag"]!.GetValue<string>());
        Assert.Equal("X-Correlation", document["GlobalConfiguration"]!["RequestIdKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostValid_NewRouteServesAtOnce_WrittenToOcelotJson_FragmentsMovedAside()
    {
        await using var gateway = await StartWithFilesAsync(new Dictionary<string, string>
        {
            ["ocelot.orders.json"] = Routes(Route(_stub, "/orders", "/orders")),
            ["ocelot.Production.json"] = JsonSerializer.Serialize(new { GlobalConfiguration = new { Timeout = 20 } }),
        });
        var replacement = Routes(Route(_stub, "/invoices/{id}", "/api/invoices/{id}"));

        var posted = await SendAsync(gateway, HttpMethod.Post, KeyHeader, replacement);
        var newRoute = await gateway.Client.GetAsync("/invoices/7");
        var oldRoute = await gateway.Client.GetAsync("/orders");

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("/invoices/{id}", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, newRoute.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldRoute.StatusCode);
        Assert.Equal(["/api/invoices/7"], _stub.Received.Select(r => r.Path));
        Assert.Equal(["ocelot.json"], Directory.EnumerateFiles(gateway.Folder).Select(Path.GetFileName));
        Assert.Contains("/invoices/{id}", await File.ReadAllTextAsync(Path.Combine(gateway.Folder, "ocelot.json")), StringComparison.Ordinal);
        var moved = Directory.EnumerateFiles(Path.Combine(gateway.Folder, "replaced"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order();
        Assert.Equal(["ocelot.Production.json", "ocelot.orders.json"], moved);
    }

    [Fact]
    public async Task PostInvalid_400ListingEveryProblem_NothingWrittenOldConfigurationServes()
    {
        var original = Routes(Route(_stub, "/orders", "/orders"));
        await using var gateway = await StartAsync(original);
        var invalid = JsonSerializer.Serialize(new
        {
            Routes = new object[]
            {
                Route(_stub, "no-leading-slash", "/a"),
                Route(_stub, "/b", "/b", new { AuthenticationOptions = new { AuthenticationProviderKey = "Unknown" } }),
            },
        });

        var posted = await SendAsync(gateway, HttpMethod.Post, KeyHeader, invalid);
        var body = JsonNode.Parse(await posted.Content.ReadAsStringAsync())!;
        var problems = body["problems"]!.AsArray().Select(p => p!["key"]!.GetValue<string>()).ToArray();

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Equal("application/problem+json", posted.Content.Headers.ContentType?.MediaType);
        Assert.Contains("UpstreamPathTemplate", problems);
        Assert.Contains("AuthenticationOptions.AuthenticationProviderKey", problems);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/orders")).StatusCode);
        Assert.Equal(original, await File.ReadAllTextAsync(Path.Combine(gateway.Folder, "ocelot.json")));
    }

    [Fact]
    public async Task PostUnauthenticated_401AndNothingChanges()
    {
        await using var gateway = await StartAsync(Routes(Route(_stub, "/orders", "/orders")));

        var request = new HttpRequestMessage(HttpMethod.Post, "/administration/configuration")
        {
            Content = new StringContent(Routes(Route(_stub, "/other", "/other")), Encoding.UTF8, "application/json"),
        };
        var posted = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/other")).StatusCode);
    }

    [Fact]
    public async Task PostWithConsulSource_WritesTheKeyAndServes()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        string Configuration(string upstream) => JsonSerializer.Serialize(new
        {
            Routes = new[] { Route(_stub, upstream, "/") },
            GlobalConfiguration = new { ServiceDiscoveryProvider = ConsulJson.Provider(consul) },
        });
        await using var gateway = await StartAsync(Configuration("/v1"), o =>
        {
            o.Settings["Gateway:ConfigurationSource"] = "Consul";
            foreach (var (key, value) in ConsulJson.FastRetries)
            {
                o.Settings[key] = value;
            }
        });

        var posted = await SendAsync(gateway, HttpMethod.Post, KeyHeader, Configuration("/v2"));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/v2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/v1")).StatusCode);
        Assert.Contains("/v2", consul.GetKey("InternalConfiguration"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndeclaredAdministrationScheme_StopsStartup()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => GatewayInstance.StartAsync(
            Routes(Route(_stub, "/orders", "/orders")),
            o => o.Settings["Gateway:Administration:AuthenticationScheme"] = "Nowhere"));

        Assert.Contains("Gateway:Administration:AuthenticationScheme", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutputCacheClear_AcceptsAnAdministrationToken()
    {
        await using var gateway = await StartAsync(Routes(Route(_stub, "/orders", "/orders", new { CacheOptions = new { TtlSeconds = 100, Region = "orders" } })));
        await gateway.Client.GetAsync("/orders");
        var request = new HttpRequestMessage(HttpMethod.Delete, "/administration/outputcache/orders");
        Bearer(TestTokens.Mint(("sub", "ops"), ("scope", "gateway.admin")))(request);

        var cleared = await gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal("MISS", (await gateway.Client.GetAsync("/orders")).Headers.GetValues("X-Cache").Single());
        Assert.Equal(2, _stub.Count);
    }

    private static Action<HttpRequestMessage> KeyHeader => AdministrationGateway.KeyHeader;

    private static Action<HttpRequestMessage> Bearer(string token) => r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private static Task<GatewayInstance> StartAsync(string json, Action<GatewayOptionsBuilder>? more = null) =>
        AdministrationGateway.StartAsync(new Dictionary<string, string> { ["ocelot.json"] = json }, more);

    private static Task<GatewayInstance> StartWithFilesAsync(IReadOnlyDictionary<string, string> files) => AdministrationGateway.StartAsync(files);

    private static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, HttpMethod method, Action<HttpRequestMessage> credentials, string? body = null) =>
        AdministrationGateway.SendAsync(gateway, method, credentials, body);
}
