using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CsCheck;
using Microsoft.AspNetCore.Http;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Caching;

/// <summary>
/// Property, over real sockets: a cached answer is only served to requests that would get the same answer. The downstream
/// answers with everything it received that may shape its answer (declaring Accept-Language with Vary, as HTTP asks), and
/// numbers the answers it marks as one client's (Set-Cookie, Cache-Control: private). Generated batches of concurrent
/// requests vary route (two that send X-Forwarded-* headers, one that does not), path, query, the cache header, Host, a
/// client-sent X-Forwarded-Host, client address, caller and language, plus headers that must not matter; every answer, hit or miss, must be what downstream would have said to that very request, and no numbered answer
/// may reach two requests.
/// </summary>
public sealed class ResponseCachePropertyTests : IClassFixture<StubFixture>
{
    private static readonly string[] Tokens = [TestTokens.Mint(("sub", "alice")), TestTokens.Mint(("sub", "bob"))];
    private static readonly string[] ClientAddresses = ["127.0.0.1", "127.0.0.2"];

    private readonly DownstreamStub _stub;
    private int _serial;

    public ResponseCachePropertyTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = AnswerAsync;
    }

    [Fact]
    public async Task CachedAnswers_AreOnlyServedToRequestsThatWouldGetTheSameAnswer()
    {
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(
                Route(_stub, "/a/{x}", "/data/{x}", new { CacheOptions = new { TtlSeconds = 3600 }, AddForwardedHeaders = true }),
                Route(_stub, "/b/{x}", "/data/{x}", new { CacheOptions = new { TtlSeconds = 3600 }, AddForwardedHeaders = true, AuthenticationOptions = new { AuthenticationProviderKey = TestTokens.Scheme } }),
                Route(_stub, "/c/{x}", "/data/{x}", new { CacheOptions = new { TtlSeconds = 3600 } })),
            o => TestTokens.Trust(o));
        using var clients = new LoopbackClients(gateway.BaseAddress, ClientAddresses);
        var numbered = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var hits = 0;
        var sent = 0;

        // Values repeat with uneven odds, so that most requests have a twin that may be served from the cache: mostly no token
        // on the open route (with one, it bypasses the cache) and mostly one on the authenticated route (without, 401).
        var request = Gen.Select(
            Gen.Select(Gen.OneOf("a", "b", "c"), Gen.OneOf("1", "1", "2"), Gen.OneOf("", "", "", "?q=1", "?q=1", "?cookie=1", "?private=1"), Gen.OneOf<string?>(null, null, "v1")),
            Gen.Select(Gen.OneOf("h1.test", "h1.test", "h2.test"), Gen.OneOf(0, 0, 1), Gen.Int[0, 9], Gen.OneOf<string?>(null, null, "en", "de")),
            Gen.Int[0, 9],
            Gen.OneOf<string?>(null, null, "spoof.test"))
            .Select(t => new Request(
                t.Item1.Item1, t.Item1.Item2, t.Item1.Item3, t.Item1.Item4, t.Item2.Item1, t.Item2.Item2,
                Token: t.Item1.Item1 != "b" ? (t.Item2.Item3 == 9 ? 0 : -1) : (t.Item2.Item3 == 9 ? -1 : t.Item2.Item3 % 2),
                t.Item2.Item4,
                t.Item3,
                t.Item4));

        await request.Array[1, 6].SampleAsync(
            async batch =>
            {
                var answers = await Task.WhenAll(batch.Select(r => SendAsync(clients, r)));
                for (var i = 0; i < batch.Length; i++)
                {
                    var (r, (status, cache, body)) = (batch[i], answers[i]);
                    Interlocked.Increment(ref sent);
                    if (r.Route == "b" && r.Token < 0)
                    {
                        Assert.Equal(HttpStatusCode.Unauthorized, status);
                        continue;
                    }

                    Assert.Equal(HttpStatusCode.OK, status);
                    var expected = Inputs(r);
                    Assert.True(body.StartsWith(expected, StringComparison.Ordinal), $"{r} got {cache} \"{body}\", downstream would say \"{expected}\"");
                    if (body.Length > expected.Length)
                    {
                        Assert.True(numbered.TryAdd(body, r.ToString()), $"{r} got {cache} \"{body}\", already given to {numbered.GetValueOrDefault(body)}");
                    }

                    if (cache == "HIT")
                    {
                        Interlocked.Increment(ref hits);
                    }
                }
            },
            iter: 800,
            threads: 1);

        // The property is only meaningful if the cache was really used (about a fifth of the requests are hits).
        Assert.True(hits > sent / 6, $"{hits} hits in {sent} requests");
    }

    /// <summary>What downstream says: everything it received that shapes its answer; one client's answers get a number.</summary>
    private Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        context.Response.Headers.Vary = "Accept-Language";
        var answer = string.Join(
            " | ",
            request.Method + " " + request.Path + request.QueryString,
            "oc=" + Show(request.Headers["OC-Cache-Control"]),
            "host=" + Show(request.Headers["X-Forwarded-Host"]),
            "for=" + Show(request.Headers["X-Forwarded-For"]),
            "proto=" + Show(request.Headers["X-Forwarded-Proto"]),
            "auth=" + Show(request.Headers.Authorization),
            "lang=" + Show(request.Headers.AcceptLanguage));
        if (request.Query.ContainsKey("cookie"))
        {
            context.Response.Headers.SetCookie = "session=" + Interlocked.Increment(ref _serial);
            answer += " #" + _serial;
        }
        else if (request.Query.ContainsKey("private"))
        {
            context.Response.Headers.CacheControl = "private";
            answer += " #" + Interlocked.Increment(ref _serial);
        }

        return context.Response.WriteAsync(answer);
    }

    /// <summary>The answer downstream would give to this request, computed from the request alone.</summary>
    private static string Inputs(Request r) => string.Join(
        " | ",
        "GET /data/" + r.X + r.Query,
        "oc=" + Show(r.CacheHeader),
        // A route that forwards replaces the client's X-Forwarded-* headers; one that does not passes them on as they came.
        "host=" + (r.Route == "c" ? Show(r.ForwardedHost) : r.Host),
        "for=" + (r.Route == "c" ? "-" : ClientAddresses[r.Client]),
        "proto=" + (r.Route == "c" ? "-" : "http"),
        "auth=" + (r.Token < 0 ? "-" : "Bearer " + Tokens[r.Token]),
        "lang=" + Show(r.Language));

    private static string Show(string? value) => string.IsNullOrEmpty(value) ? "-" : value;

    private static async Task<(HttpStatusCode Status, string Cache, string Body)> SendAsync(LoopbackClients clients, Request r)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, "/" + r.Route + "/" + r.X + r.Query);
        message.Headers.Host = r.Host;
        message.Headers.UserAgent.ParseAdd("agent-" + r.Noise);
        message.Headers.Add("X-Unrelated", "noise-" + r.Noise);
        if (r.ForwardedHost is not null)
        {
            message.Headers.Add("X-Forwarded-Host", r.ForwardedHost);
        }

        if (r.CacheHeader is not null)
        {
            message.Headers.Add("OC-Cache-Control", r.CacheHeader);
        }

        if (r.Token >= 0)
        {
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Tokens[r.Token]);
        }

        if (r.Language is not null)
        {
            message.Headers.AcceptLanguage.ParseAdd(r.Language);
        }

        using var response = await clients[r.Client].SendAsync(message);
        var cache = response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : "-";
        return (response.StatusCode, cache, await response.Content.ReadAsStringAsync());
    }

    private sealed record Request(string Route, string X, string Query, string? CacheHeader, string Host, int Client, int Token, string? Language, int Noise, string? ForwardedHost);

    /// <summary>One HTTP client per loopback source address, so the gateway sees several client addresses.</summary>
    private sealed class LoopbackClients : IDisposable
    {
        private readonly HttpClient[] _clients;

        public LoopbackClients(Uri gateway, string[] sourceAddresses)
        {
            _clients = [.. sourceAddresses.Select(address => new HttpClient(new SocketsHttpHandler
            {
                UseCookies = false,
                ActivityHeadersPropagator = null,
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            })
            {
                BaseAddress = gateway,
            })];
        }

        public HttpClient this[int index] => _clients[index];

        public void Dispose()
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }
    }
}
