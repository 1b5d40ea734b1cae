using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Security;

/// <summary>Authentication, scopes, claim requirements and claim transforms (reference §2.10–2.11, scenarios 35–37).</summary>
public sealed class AuthenticationTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public AuthenticationTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
        _stub.Clear();
    }

    [Fact]
    public async Task ProtectedRoute_WithoutOrWithBadToken_401_WithValidToken_Forwarded()
    {
        await using var gateway = await StartAsync(new { AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme } });

        var anonymous = await gateway.Client.GetAsync("/secure");
        var forged = await SendAsync(gateway, "/secure", TestTokens.Mint(("sub", "u1")) + "x");
        var valid = await SendAsync(gateway, "/secure", TestTokens.Mint(("sub", "u1")));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", forged.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    [Fact]
    public async Task ExpiredToken_401()
    {
        await using var gateway = await StartAsync(new { AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme } });

        var expired = await SendAsync(gateway, "/secure", TestTokens.Mint(TimeSpan.FromMinutes(-10), ("sub", "u1")));

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task AuthenticationProviderKeys_AreTriedInOrder_AnyOneSucceeding()
    {
        const string PartnerIssuer = "https://partner.test";
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(
                Route(_stub, "/both", "/both", new { AuthenticationOptions = new { AuthenticationProviderKeys = new[] { TestTokens.Scheme, "Partner" } } }),
                Route(_stub, "/first-only", "/first-only", new { AuthenticationOptions = new { AuthenticationProviderKeys = new[] { TestTokens.Scheme } } })),
            o =>
            {
                TestTokens.Trust(o);
                TestTokens.Trust(o, "Partner", PartnerIssuer);
            });
        var partnerToken = TestTokens.MintFrom(PartnerIssuer, TimeSpan.FromMinutes(5), ("sub", "p1"));

        var viaSecondScheme = await SendAsync(gateway, "/both", partnerToken);
        var viaFirstScheme = await SendAsync(gateway, "/both", TestTokens.Mint(("sub", "u1")));
        var notTrustedThere = await SendAsync(gateway, "/first-only", partnerToken);

        Assert.Equal(HttpStatusCode.OK, viaSecondScheme.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaFirstScheme.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, notTrustedThere.StatusCode);
    }

    [Fact]
    public async Task AllowedScopes_Missing_403WithInsufficientScopeChallenge()
    {
        await using var gateway = await StartAsync(new
        {
            AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme, AllowedScopes = new[] { "finance.write" } },
        });

        var response = await SendAsync(gateway, "/secure", TestTokens.Mint(("sub", "u1"), ("scope", "finance.read")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(0, _stub.Count);
    }

    [Fact]
    public async Task AddClaimsToRequest_FeedsRouteClaimsRequirement()
    {
        await using var gateway = await StartAsync(new
        {
            AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme },
            AddClaimsToRequest = new Dictionary<string, string> { ["UserType"] = "Claims[roles] > value[0] > ;" },
            RouteClaimsRequirement = new Dictionary<string, string> { ["UserType"] = "admin" },
        });

        var admin = await SendAsync(gateway, "/secure", TestTokens.Mint(("sub", "u1"), ("roles", "admin;auditor")));
        var auditor = await SendAsync(gateway, "/secure", TestTokens.Mint(("sub", "u1"), ("roles", "auditor;admin")));

        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, auditor.StatusCode);
    }

    [Fact]
    public async Task RouteClaimsRequirement_OnOpenRoute_AnonymousIs403()
    {
        await using var gateway = await StartAsync(new { RouteClaimsRequirement = new Dictionary<string, string> { ["UserType"] = "registered" } });

        var response = await gateway.Client.GetAsync("/secure");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task StaticHeaderAndQueryValues_WorkWithoutAuthentication()
    {
        await using var gateway = await StartAsync(new
        {
            AddHeadersToRequest = new Dictionary<string, string> { ["X-Tenant"] = "acme" },
            AddQueriesToRequest = new Dictionary<string, string> { ["region"] = "eu" },
        });

        var response = await gateway.Client.GetAsync("/secure?region=us&page=2");
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("acme", echo!.Headers["X-Tenant"]);
        Assert.Equal("?region=eu&page=2", echo.Query);
    }

    [Fact]
    public async Task GlobalAuthentication_RouteAllowAnonymous_IsOpen()
    {
        await using var gateway = await GatewayInstance.StartAsync(
            Document(
                [
                    Route(_stub, "/open", "/open", new { AuthenticationOptions = new { AllowAnonymous = true } }),
                    Route(_stub, "/closed", "/closed"),
                ],
                new { AuthenticationOptions = new { AuthenticationProviderKeys = new[] { TestTokens.Scheme } } }),
            o => TestTokens.Trust(o));

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/open")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.GetAsync("/closed")).StatusCode);
    }

    [Theory]
    [InlineData("api.read api.write openid", new[] { "admin", "superuser" }, HttpStatusCode.Forbidden)]
    [InlineData("api.read api.write openid", new[] { "api", "api.read", "api.write" }, HttpStatusCode.OK)]
    public async Task AllowedScopes_NeedOneInCommon(string tokenScopes, string[] allowed, HttpStatusCode expected)
    {
        await using var gateway = await StartAsync(new
        {
            AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme, AllowedScopes = allowed },
        });

        var response = await SendAsync(gateway, "/secure", TestTokens.Mint(("sub", "u1"), ("scope", tokenScopes)));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task RouteClaimsRequirement_LiteralAndPlaceholder()
    {
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/users/{userId}/orders", "/orders/{userId}", new
            {
                AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme },
                RouteClaimsRequirement = new Dictionary<string, string> { ["UserType"] = "registered", ["sub"] = "{userId}" },
            })),
            o => TestTokens.Trust(o));

        var own = await SendAsync(gateway, "/users/u1/orders", TestTokens.Mint(("sub", "u1"), ("UserType", "registered")));
        var someoneElses = await SendAsync(gateway, "/users/u2/orders", TestTokens.Mint(("sub", "u1"), ("UserType", "registered")));
        var guest = await SendAsync(gateway, "/users/u1/orders", TestTokens.Mint(("sub", "u1"), ("UserType", "guest")));

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, someoneElses.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, guest.StatusCode);
    }

    [Fact]
    public async Task ClaimsToHeadersQueryAndPath_AreSentDownstream_MissingClaimIs403()
    {
        await using var gateway = await StartAsync(new
        {
            DownstreamPathTemplate = "/tenants/{tenant}/data",
            AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme },
            AddHeadersToRequest = new Dictionary<string, string> { ["X-User"] = "Claims[sub] > value" },
            AddQueriesToRequest = new Dictionary<string, string> { ["customer"] = "Claims[customer] > value[1] > |" },
            ChangeDownstreamPathTemplate = new Dictionary<string, string> { ["tenant"] = "Claims[tenant] > value" },
        });

        var response = await SendAsync(gateway, "/secure", TestTokens.Mint(("sub", "u1"), ("customer", "x|c-42"), ("tenant", "acme")));
        var echo = await response.Content.ReadFromJsonAsync<EchoResponse>();
        var missing = await SendAsync(gateway, "/secure", TestTokens.Mint(("sub", "u1")));

        Assert.Equal("u1", echo!.Headers["X-User"]);
        Assert.Equal("?customer=c-42", echo.Query);
        Assert.Equal("/tenants/acme/data", echo.Path);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
    }

    [Fact]
    public async Task Preflight_PassesWithoutCredentials()
    {
        await using var gateway = await StartAsync(new { AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme } });

        var response = await gateway.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/secure"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<GatewayInstance> StartAsync(object extra)
    {
        var route = Route(_stub, "/secure", "/secure", extra);
        return GatewayInstance.StartAsync(Routes(route), o => TestTokens.Trust(o));
    }

    private static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return gateway.Client.SendAsync(request);
    }
}
