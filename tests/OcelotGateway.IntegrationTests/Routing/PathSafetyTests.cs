using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.WebUtilities;
using OcelotGateway.IntegrationTests.Infrastructure;
using OcelotGateway.Routing.Paths;
using OcelotGateway.Testing;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Routing;

/// <summary>
/// Crafted request targets sent byte for byte to a gateway in front of a real Kestrel downstream: what arrives there stays
/// under the route's downstream path and means what the client's path meant, decoded exactly once.
/// </summary>
public sealed class PathSafetyTests : IClassFixture<StubFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Gen<string> QueryPart = Gen.OneOf("q=%2541", "a=%2e%2e", "t=x%2Fy", "u=%FF", "v=a+b", "w=%26x%3Dy", "flag", "e=");

    private readonly DownstreamStub _stub;

    public PathSafetyTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Clear();
    }

    [Fact]
    public async Task DoubleEncodedDotSegments_ReachTheDownstreamStillEncoded_InsideTheRoute()
    {
        await using var gateway = await StartAsync();

        var response = await RawHttp.GetAsync(gateway.BaseAddress, "/stock/%252e%252e/%252e%252e/admin");

        Assert.Equal(200, response.StatusCode);
        var received = Assert.Single(_stub.Received);
        Assert.Equal("/api/stocks/%252e%252e/%252e%252e/admin", received.RawTarget);
        Assert.Equal("/api/stocks/%2e%2e/%2e%2e/admin", received.Path);
    }

    [Fact]
    public async Task DoubleEncodedByte_ArrivesSingleEncoded_InPathAndQuery()
    {
        await using var gateway = await StartAsync();

        await RawHttp.GetAsync(gateway.BaseAddress, "/stock/%2541?q=%2541");

        var received = Assert.Single(_stub.Received);
        Assert.Equal("/api/stocks/%2541?q=%2541", received.RawTarget);
        Assert.Equal("/api/stocks/%41", received.Path);
        Assert.Equal("%41", QueryHelpers.ParseQuery(received.Query)["q"]);
    }

    [Fact]
    public async Task AnyRawTarget_ArrivesUnderThePrefix_WithoutDotSegments_MeaningWhatTheClientMeant()
    {
        await using var gateway = await StartAsync();
        var targets = Gen.Select(ClientPaths.RelativePath, QueryPart.Array[0, 3], (path, query) =>
            "/stock/" + path + (query.Length == 0 ? "" : "?" + string.Join('&', query)));

        await GeneratedCases.CheckAsync(targets, 400, async target =>
        {
            // What Kestrel makes of the target, asked of the downstream server itself.
            _stub.Clear();
            var direct = await RawHttp.GetAsync(new Uri(_stub.Address), target);
            Assert.Equal(200, direct.StatusCode);
            var kestrelPath = JsonSerializer.Deserialize<EchoResponse>(direct.Body, Json)!.Path;
            _stub.Clear();

            var response = await RawHttp.GetAsync(gateway.BaseAddress, target);

            if (!kestrelPath.Equals("/stock", StringComparison.OrdinalIgnoreCase)
                && !kestrelPath.StartsWith("/stock/", StringComparison.OrdinalIgnoreCase))
            {
                // Kestrel resolved a ".." out of /stock before any route was chosen.
                Assert.Equal(404, response.StatusCode);
                Assert.Empty(_stub.Received);
                return;
            }

            var rawPath = target.Split('?')[0];
            var clientPath = ClientPath.Escape(kestrelPath, rawPath);
            var expected = "/api/stocks" + clientPath["/stock".Length..];
            if (response.StatusCode == 400)
            {
                // As in Ocelot, the value ends at the first '&'.
                var sentValue = expected.Split('&')[0];
                Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
                Assert.True(ClientPaths.HasDotSegment(sentValue), "refused without a dot segment: " + sentValue);
                Assert.Empty(_stub.Received);
                return;
            }

            Assert.Equal(200, response.StatusCode);
            var received = Assert.Single(_stub.Received);
            var sentPath = received.RawTarget.Split('?')[0];
            Assert.True(sentPath == "/api/stocks" || sentPath.StartsWith("/api/stocks/", StringComparison.Ordinal), sentPath);
            Assert.False(ClientPaths.HasDotSegment(sentPath), sentPath);
            if (!clientPath.Contains('&', StringComparison.Ordinal))
            {
                // The downstream server decodes exactly what the gateway's server decoded (as in Ocelot, a value ends at '&').
                Assert.Equal(expected, sentPath);
                Assert.Equal("/api/stocks" + kestrelPath["/stock".Length..], received.Path);
                Assert.Equal(ClientPaths.Meaning(rawPath).Skip(1), ClientPaths.Meaning(sentPath).Skip(2));
            }

            var sentQuery = QueryHelpers.ParseQuery(received.Query);
            foreach (var (name, value) in QueryHelpers.ParseQuery(target.Contains('?', StringComparison.Ordinal) ? target[target.IndexOf('?', StringComparison.Ordinal)..] : ""))
            {
                Assert.Equal(value, sentQuery[name]);
            }
        });
    }

    [Theory]
    [InlineData("..")]
    [InlineData("%2e%2e")]
    [InlineData("..;x")]
    [InlineData("a/../..")]
    public async Task HeaderValueMakingADotSegment_Answers400_AndNothingIsSent(string tenant)
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/data", "/tenants/{tenant}/data", new
        {
            UpstreamHeaderTemplates = new Dictionary<string, string> { ["X-Tenant"] = "{header:tenant}" },
        })));

        var response = await RawHttp.GetAsync(gateway.BaseAddress, "/data", "X-Tenant: " + tenant);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
        Assert.Contains("'..' segment of the downstream path", response.Body, StringComparison.Ordinal);
        Assert.Empty(_stub.Received);
    }

    [Theory]
    [InlineData("../admin", 400, null)]
    [InlineData("%2e%2e", 400, null)]
    [InlineData("acme?x=1", 200, "/tenants/acme%3Fx=1/data")]
    [InlineData("a b/c", 200, "/tenants/a%20b/c/data")]
    public async Task ClaimSentToTheDownstreamPath_CannotLeaveTheRoute(string tenant, int status, string? rawTarget)
    {
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(_stub, "/secure", "/tenants/{tenant}/data", new
            {
                AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme },
                ChangeDownstreamPathTemplate = new Dictionary<string, string> { ["tenant"] = "Claims[tenant] > value" },
            })),
            o => TestTokens.Trust(o));

        var response = await RawHttp.GetAsync(gateway.BaseAddress, "/secure", "Authorization: Bearer " + TestTokens.Mint(("tenant", tenant)));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(rawTarget, _stub.Received.SingleOrDefault()?.RawTarget);
    }

    private Task<GatewayInstance> StartAsync() =>
        GatewayInstance.StartAsync(Routes(Route(_stub, "/stock/{everything}", "/api/stocks/{everything}")));
}
