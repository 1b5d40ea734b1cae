using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsCheck;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Caching;

/// <summary>
/// On a route without authentication the client id is not a secret: whoever sends the same <c>Oc-Client</c> and the same
/// request is the same client to the gateway. A kept reply is still readable only through the poll key its 202 revealed.
/// </summary>
public sealed class AsyncReplyOwnershipTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public AsyncReplyOwnershipTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Clear();
        var calls = 0;
        _stub.Handler = context => context.Response.WriteAsync("report " + Interlocked.Increment(ref calls));
    }

    [Fact]
    public async Task SameClientIdAndSameRequest_OnceTheReplyIsKept_GetsItsOwnCall_AndNeverTheOwnersLocation()
    {
        await using var gateway = await StartAsync();

        var owner = await SendAndWaitAsync(gateway);
        var intruder = await SendAndWaitAsync(gateway);
        var ownersReply = await PollAsync(gateway, owner.Headers.Location!.OriginalString);
        var intrudersReply = await PollAsync(gateway, intruder.Headers.Location!.OriginalString);

        Assert.NotEqual(owner.Headers.Location, intruder.Headers.Location);
        Assert.Equal("report 1", await ownersReply.Content.ReadAsStringAsync());
        Assert.Equal("report 2", await intrudersReply.Content.ReadAsStringAsync());
        Assert.Equal(2, _stub.Count);
    }

    [Fact]
    public async Task GuessedOrDerivedPollKeys_AreNotFound_WhileTheOwnersKeyReadsTheReply()
    {
        await using var gateway = await StartAsync();
        var accepted = await SendAndWaitAsync(gateway);
        var key = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var requestKey = Assert.Single(_stub.Received).Headers["X-Request-Key"];
        var hex = Gen.Char["0123456789abcdef"];
        var guesses = Gen.OneOf(
            hex.Array[64].Select(c => new string(c)),
            hex.Array[1, 80].Select(c => new string(c)),
            Gen.Char["0123456789abcdefABCDEF-_.~%/"].Array[1, 80].Select(c => new string(c)),
            Gen.Select(Gen.Int[0, 63], hex, (at, c) => requestKey[..at] + c + requestKey[(at + 1)..]),
            Gen.Const(requestKey),
            Gen.Const(key.ToUpperInvariant()));

        await guesses.SampleAsync(
            async guess =>
            {
                Assert.NotEqual(key, guess);
                var response = await PollAsync(gateway, "/.gateway/replies/" + Uri.EscapeDataString(guess));
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain("report", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            },
            iter: 400);

        var owners = await PollAsync(gateway, accepted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, owners.StatusCode);
        Assert.Equal("report 1", await owners.Content.ReadAsStringAsync());
    }

    private Task<GatewayInstance> StartAsync() =>
        GatewayInstance.StartAsync(Routes(Route(_stub, "/reports", "/reports", new { AsyncRequestReply = new { TtlSeconds = 60 } })));

    private static async Task<HttpResponseMessage> SendAndWaitAsync(GatewayInstance gateway)
    {
        var response = await StoredReplies.SendAndWaitAsync(gateway, Request("/reports?account=42"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response;
    }

    /// <summary>Every request here comes from the same client id, as an attacker who knows it would send.</summary>
    private static HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Oc-Client", "team-a");
        return request;
    }

    private static Task<HttpResponseMessage> PollAsync(GatewayInstance gateway, string path) => gateway.Client.SendAsync(Request(path));
}
