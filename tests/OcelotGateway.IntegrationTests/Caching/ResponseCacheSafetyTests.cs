using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Caching;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Caching;

/// <summary>
/// The cache is safe by default: two routes, two clients (two users, two hosts), and responses that must stay with the client
/// they were made for. Each case is one Ocelot would get wrong: it keys on the downstream URL only and stores everything.
/// </summary>
public sealed class ResponseCacheSafetyTests : IClassFixture<StubFixture>
{
    private static readonly string Alice = TestTokens.Mint(("sub", "alice"));
    private static readonly string Bob = TestTokens.Mint(("sub", "bob"));

    private readonly DownstreamStub _stub;
    private int _calls;

    public ResponseCacheSafetyTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Clear();

        // Answers who asked and through which host, numbered so a replay is visible.
        _stub.Handler = context =>
        {
            var who = context.Request.Headers.Authorization.Count > 0 ? "token " + context.Request.Headers.Authorization.ToString()[^6..] : "anonymous";
            return context.Response.WriteAsync($"#{Interlocked.Increment(ref _calls)} for {who} via {context.Request.Headers["X-Forwarded-Host"]}");
        };
    }

    [Fact]
    public async Task AnonymousRoute_NeverServesAnAuthenticatedRoutesEntry_ForTheSameDownstreamUrl()
    {
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(
                Route(_stub, "/private/report", "/report", new { CacheOptions = Cached, AuthenticationOptions = Authenticated, AddForwardedHeaders = true }),
                Route(_stub, "/public/report", "/report", new { CacheOptions = Cached, AddForwardedHeaders = true })),
            o => TestTokens.Trust(o));

        var alice = await SendAsync(gateway, "/private/report", token: Alice);
        var anonymous = await SendAsync(gateway, "/public/report");
        var anonymousAgain = await SendAsync(gateway, "/public/report");
        var aliceAgain = await SendAsync(gateway, "/private/report", token: Alice);

        Assert.Equal(("MISS", $"#1 for token {Alice[^6..]} via {Host(gateway)}"), alice);
        Assert.Equal(("MISS", $"#2 for anonymous via {Host(gateway)}"), anonymous);
        Assert.Equal(("HIT", anonymous.Body), anonymousAgain);
        Assert.Equal(("HIT", alice.Body), aliceAgain);
    }

    [Fact]
    public async Task AuthenticatedRoute_KeepsEntriesPerCaller()
    {
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(
                Route(_stub, "/mine", "/mine", new { CacheOptions = Cached, AuthenticationOptions = Authenticated }),
                Route(_stub, "/other", "/mine", new { CacheOptions = Cached, AuthenticationOptions = Authenticated })),
            o => TestTokens.Trust(o));

        var alice = await SendAsync(gateway, "/mine", token: Alice);
        var bob = await SendAsync(gateway, "/mine", token: Bob);
        var aliceAgain = await SendAsync(gateway, "/mine", token: Alice);
        var aliceOnTheOtherRoute = await SendAsync(gateway, "/other", token: Alice);

        Assert.Equal("MISS", bob.Cache);
        Assert.Contains(Bob[^6..], bob.Body, StringComparison.Ordinal);
        Assert.Equal(("HIT", alice.Body), aliceAgain);
        Assert.Equal("MISS", aliceOnTheOtherRoute.Cache);
        Assert.Equal(3, _stub.Count);
    }

    [Fact]
    public async Task SharedAcrossUsers_LetsEveryCallerHaveTheStoredAnswer()
    {
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(
                Route(_stub, "/catalog", "/catalog", new { CacheOptions = new { TtlSeconds = 100, SharedAcrossUsers = true }, AuthenticationOptions = Authenticated }),
                Route(_stub, "/mine", "/catalog", new { CacheOptions = Cached, AuthenticationOptions = Authenticated })),
            o => TestTokens.Trust(o));

        var alice = await SendAsync(gateway, "/catalog", token: Alice);
        var bob = await SendAsync(gateway, "/catalog", token: Bob);
        var bobOnTheOtherRoute = await SendAsync(gateway, "/mine", token: Bob);

        Assert.Equal(("HIT", alice.Body), bob);
        Assert.Equal("MISS", bobOnTheOtherRoute.Cache);
        Assert.Equal(2, _stub.Count);
    }

    [Fact]
    public async Task Authorization_OnARouteWithoutAuthentication_BypassesTheCache()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/open", "/open", new { CacheOptions = Cached }),
            Route(_stub, "/keyed", "/open", new { CacheOptions = new { TtlSeconds = 100, Header = "Authorization" } })));

        var anonymous = await SendAsync(gateway, "/open");
        var withCredentials = await SendAsync(gateway, "/open", token: Alice);
        var withCredentialsAgain = await SendAsync(gateway, "/open", token: Alice);
        var keyedByTheHeader = await SendAsync(gateway, "/keyed", token: Alice);
        var keyedByTheHeaderAgain = await SendAsync(gateway, "/keyed", token: Alice);

        Assert.Equal("MISS", withCredentials.Cache);
        Assert.NotEqual(anonymous.Body, withCredentials.Body);
        Assert.Equal("MISS", withCredentialsAgain.Cache);
        Assert.NotEqual(withCredentials.Body, withCredentialsAgain.Body);
        Assert.Equal("MISS", keyedByTheHeader.Cache);
        Assert.Equal(("HIT", keyedByTheHeader.Body), keyedByTheHeaderAgain);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/open")).StatusCode);
        Assert.Equal("HIT", (await SendAsync(gateway, "/open")).Cache);
    }

    [Theory]
    [InlineData("Set-Cookie", "session=secret-of-the-first-client; Path=/; HttpOnly")]
    [InlineData("Cache-Control", "private, max-age=60")]
    [InlineData("Cache-Control", "no-store")]
    [InlineData("Cache-Control", "no-cache")]
    [InlineData("Vary", "*")]
    public async Task ResponsesForOneClientOnly_AreNeverReplayed_NotEvenToConcurrentWaiters(string header, string value)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stub.Handler = async context =>
        {
            var call = Interlocked.Increment(ref _calls);
            if (call == 1)
            {
                await release.Task;
            }

            context.Response.Headers[header] = value;
            await context.Response.WriteAsync("#" + call);
        };
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/profile", "/profile", new { CacheOptions = Cached }),
            Route(_stub, "/{everything}", "/{everything}")));
        var coalescer = gateway.Services.GetRequiredService<ResponseCoalescer>();

        var first = SendAsync(gateway, "/profile");
        await Eventually.HoldsAsync(() => _stub.Count == 1, TimeSpan.FromSeconds(10), "the first call reached downstream");
        var waiters = Enumerable.Range(0, 3).Select(_ => SendAsync(gateway, "/profile")).ToArray();
        await Eventually.HoldsAsync(() => coalescer.Waiting == 3, TimeSpan.FromSeconds(10), "three requests wait for the first call");
        release.SetResult();
        var later = await SendAsync(gateway, "/profile");

        var bodies = new[] { (await first).Body }.Concat((await Task.WhenAll(waiters)).Select(r => r.Body)).Append(later.Body).ToArray();
        Assert.Equal(5, bodies.Distinct().Count());
        Assert.Equal("MISS", later.Cache);
        Assert.Equal(5, _stub.Count);
    }

    [Fact]
    public async Task ReflectedHost_DoesNotPoisonTheEntryOfOtherClients()
    {
        // The Host reaches downstream as X-Forwarded-Host only on a route that forwards it.
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/page", "/page", new { CacheOptions = Cached, AddForwardedHeaders = true }),
            Route(_stub, "/{everything}", "/{everything}")));

        var attacker = await SendAsync(gateway, "/page", host: "evil.example");
        var victim = await SendAsync(gateway, "/page");
        var victimAgain = await SendAsync(gateway, "/page");
        var attackerAgain = await SendAsync(gateway, "/page", host: "evil.example");

        Assert.Equal(("MISS", "#1 for anonymous via evil.example"), attacker);
        Assert.Equal(("MISS", $"#2 for anonymous via {Host(gateway)}"), victim);
        Assert.Equal(("HIT", victim.Body), victimAgain);
        Assert.Equal(("HIT", attacker.Body), attackerAgain);
    }

    [Fact]
    public async Task VaryingResponse_IsServedOnlyToRequestsSendingTheSameValues()
    {
        _stub.Handler = context =>
        {
            context.Response.Headers.Vary = "Accept-Language";
            return context.Response.WriteAsync($"#{Interlocked.Increment(ref _calls)} in {context.Request.Headers.AcceptLanguage}");
        };
        await using var gateway = await GatewayInstance.StartAsync(Routes(
            Route(_stub, "/greeting", "/greeting", new { CacheOptions = Cached }),
            Route(_stub, "/{everything}", "/{everything}")));

        var english = await SendAsync(gateway, "/greeting", language: "en");
        var englishAgain = await SendAsync(gateway, "/greeting", language: "en");
        var german = await SendAsync(gateway, "/greeting", language: "de");
        var englishAfterGerman = await SendAsync(gateway, "/greeting", language: "en");

        Assert.Equal(("HIT", english.Body), englishAgain);
        Assert.Equal(("MISS", "#2 in de"), german);
        Assert.Equal("#3 in en", englishAfterGerman.Body);
    }

    private static readonly object Cached = new { TtlSeconds = 100 };
    private static readonly object Authenticated = new { AuthenticationProviderKey = TestTokens.Scheme };

    private static string Host(GatewayInstance gateway) => gateway.BaseAddress.Authority;

    private static async Task<(string Cache, string Body)> SendAsync(
        GatewayInstance gateway, string path, string? token = null, string? host = null, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await gateway.Client.SendAsync(request);
        var cache = response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : "(none)";
        return (cache, await response.Content.ReadAsStringAsync());
    }
}
