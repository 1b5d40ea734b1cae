using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.RateLimiting;

/// <summary>Ocelot's client rate limiting with the in-process store (reference §2.8 and scenarios 22–27).</summary>
public sealed class RateLimitingTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public RateLimitingTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    [Fact]
    public async Task OverTheLimit_Rejected429_UntilTheWaitWindowEnds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await StartAsync(new { Limit = 3, Period = "1s", Wait = "1s" }, time);

        var allowed = new[] { await SendAsync(gateway, "alice"), await SendAsync(gateway, "alice"), await SendAsync(gateway, "alice") };
        var rejected = await SendAsync(gateway, "alice");
        time.Advance(TimeSpan.FromMilliseconds(500));
        var stillWaiting = await SendAsync(gateway, "alice");
        time.Advance(TimeSpan.FromMilliseconds(505));
        var afterWait = await SendAsync(gateway, "alice");

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillWaiting.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterWait.StatusCode);
        Assert.Equal("2", afterWait.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task ClientsAreCountedSeparately_AndWhitelistedClientsAreNotLimited()
    {
        await using var gateway = await StartAsync(new { Limit = 1, Period = "1m", ClientWhitelist = new[] { "ops" } });

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, "alice")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(gateway, "alice")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, "bob")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(gateway, "ops")).StatusCode);
        }
    }

    [Fact]
    public async Task Headers_OnAcceptedResponses_RetryAfterOnlyOnRejection()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var gateway = await StartAsync(new { Limit = 2, Period = "1s" }, time);

        var accepted = await SendAsync(gateway, "alice");
        await SendAsync(gateway, "alice");
        time.Advance(TimeSpan.FromMilliseconds(250));
        var rejected = await SendAsync(gateway, "alice");

        Assert.Equal("2", accepted.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("1", accepted.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("2026-01-01T00:00:01.0000000Z", accepted.Headers.GetValues("X-RateLimit-Reset").Single());
        Assert.False(accepted.Headers.Contains("Retry-After"));
        Assert.Equal("0.75", rejected.Headers.GetValues("Retry-After").Single());
        Assert.False(rejected.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task DownstreamsOwnRateLimitHeaders_AreReplacedByTheGateways_ExceptForWhitelistedClients()
    {
        _stub.Handler = static context =>
        {
            context.Response.Headers["X-RateLimit-Limit"] = "999";
            context.Response.Headers["X-RateLimit-Remaining"] = "998";
            return Task.CompletedTask;
        };
        await using var gateway = await StartAsync(new { Limit = 2, Period = "1m", ClientWhitelist = new[] { "ops" } });

        var counted = await SendAsync(gateway, "alice");
        var whitelisted = await SendAsync(gateway, "ops");

        Assert.Equal("2", counted.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("1", counted.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("999", whitelisted.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("998", whitelisted.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task DisabledHeaders_NoRateLimitHeadersAtAll()
    {
        await using var gateway = await StartAsync(new { Limit = 1, Period = "1m", EnableHeaders = false });

        var accepted = await SendAsync(gateway, "alice");
        var rejected = await SendAsync(gateway, "alice");

        Assert.False(accepted.Headers.Contains("X-RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.False(rejected.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task MissingClientHeader_Is503_WithRuleInMessage_AndRetryAfterMinusOne()
    {
        await using var gateway = await StartAsync(new { Limit = 3, Period = "1s", Wait = "1s", ClientIdHeader = "ClientId" });

        var response = await SendAsync(gateway, "alice", header: "Other-Header");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("-1", response.Headers.GetValues("Retry-After").Single());
        Assert.Contains("could not be identified", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("'3/1s/w1s'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GlobalOptions_ApplyToRoutesWithout_AndLegacyKeysWork()
    {
        await using var gateway = await GatewayInstance.StartAsync(Document(
            [Route(_stub, "/{everything}", "/{everything}")],
            new
            {
                RateLimitOptions = new { Limit = 1, Period = "1m", QuotaExceededMessage = "Exceeding!", HttpStatusCode = 418, ClientIdHeader = "ClientId" },
            }));

        await SendAsync(gateway, "alice", header: "ClientId");
        var rejected = await SendAsync(gateway, "alice", header: "ClientId");
        using var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());

        Assert.Equal((HttpStatusCode)418, rejected.StatusCode);
        Assert.Equal("Exceeding!", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task DefaultQuotaMessage_NamesLimitAndPeriod()
    {
        await using var gateway = await StartAsync(new { Limit = 1, Period = "5m" });

        await SendAsync(gateway, "alice");
        var rejected = await SendAsync(gateway, "alice");
        using var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());

        Assert.Equal("API calls quota exceeded! Maximum admitted 1 per 5m.", problem.RootElement.GetProperty("detail").GetString());
    }

    private Task<GatewayInstance> StartAsync(object rateLimitOptions, TimeProvider? time = null) =>
        GatewayInstance.StartAsync(
            Routes(Route(_stub, "/{everything}", "/{everything}", new { RateLimitOptions = rateLimitOptions })),
            o =>
            {
                if (time is not null)
                {
                    o.ConfigureServices = services => services.AddSingleton(time);
                }
            });

    private static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, string clientId, string header = "Oc-Client")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/limited");
        request.Headers.Add(header, clientId);
        return gateway.Client.SendAsync(request);
    }
}
