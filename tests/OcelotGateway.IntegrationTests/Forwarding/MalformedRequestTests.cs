using System.Collections.Concurrent;
using System.Text;
using CsCheck;
using OcelotGateway.IntegrationTests.Aggregation;
using OcelotGateway.IntegrationTests.Infrastructure;
using OcelotGateway.Testing;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Forwarding;

/// <summary>
/// Requests the gateway cannot forward as sent, written byte for byte on a socket: each is the client's error (400, never a
/// 5xx or 499), and the downstream service never receives a complete request from them.
/// </summary>
public sealed class MalformedRequestTests
{
    [Fact]
    public async Task NonAsciiHeaderValue_Answers400ProblemJson_NamingTheHeader_AndNothingIsSent()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/r", "/r")));
        var request = Encoding.ASCII.GetBytes(RawHttp.Head("GET", "/r")[..^2] + "X-Name: ")
            .Concat(Encoding.UTF8.GetBytes("Jos\u00e9 \u2603"))
            .Concat("\r\n\r\n"u8.ToArray())
            .ToArray();

        var response = await RawHttp.SendAsync(gateway.BaseAddress, request);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
        Assert.Contains("'X-Name'", response.Body, StringComparison.Ordinal);
        Assert.Equal(0, stub.Count);
    }

    [Fact]
    public async Task InvalidUtf8HeaderBytes_AreRefusedByKestrel_AndNothingIsSent()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/r", "/r")));
        var request = Encoding.ASCII.GetBytes(RawHttp.Head("GET", "/r")[..^2] + "X-Name: a")
            .Concat(new byte[] { 0xFF, 0xC3 })
            .Concat("\r\n\r\n"u8.ToArray())
            .ToArray();

        var response = await RawHttp.SendAsync(gateway.BaseAddress, request);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(0, stub.Count);
    }

    [Fact]
    public async Task AnyHeaderValue_IsForwardedExactly_OrRefusedWith400_NeverAServerError()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/r", "/r")));
        var characters = Gen.OneOf<char>(Gen.Char['!', '~'], Gen.Char['\u00a0', '\u00ff'], Gen.Char['\u0100', '\ud7ff'], Gen.OneOf('\t', ' ', '\u007f'));
        var values = characters.Array[1, 12].Select(chars => "v" + new string(chars) + "v");

        await GeneratedCases.CheckAsync(values, 150, async value =>
        {
            stub.Clear();
            var request = Encoding.ASCII.GetBytes(RawHttp.Head("GET", "/r")[..^2] + "X-Value: ")
                .Concat(Encoding.UTF8.GetBytes(value))
                .Concat("\r\n\r\n"u8.ToArray())
                .ToArray();

            var response = await RawHttp.SendAsync(gateway.BaseAddress, request);

            if (Ascii.IsValid(value))
            {
                Assert.Equal(200, response.StatusCode);
                Assert.Equal(value, Assert.Single(stub.Received).Headers["X-Value"]);
            }
            else
            {
                Assert.Equal(400, response.StatusCode);
                Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
                Assert.Equal(0, stub.Count);
            }
        });
    }

    [Theory]
    [InlineData("5\r\nhello\r\nZZ\r\nmore\r\n0\r\n\r\n")]
    [InlineData("ZZ\r\nhello\r\n0\r\n\r\n")]
    [InlineData("5\r\nhelloXX\r\n0\r\n\r\n")]
    [InlineData("5\r\nhello\r\n3\r\nabc0\r\n\r\n")]
    [InlineData("5\r\nhello\r\n-1\r\n")]
    public async Task MalformedChunkedBody_Answers400_AndTheDownstreamNeverGetsACompleteBody(string body)
    {
        var bodies = new ConcurrentQueue<string>();
        await using var stub = await DownstreamStub.StartAsync(context => RecordBodyAsync(context, bodies));
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/upload", "/upload", new { UpstreamHttpMethod = new[] { "POST" } })));

        var response = await RawHttp.SendAsync(gateway.BaseAddress, Chunked("/upload", body));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
        // The downstream call was started while the body streamed; it must end without a complete body.
        await Eventually.HoldsAsync(() => bodies.Count == stub.Count, TimeSpan.FromSeconds(15), "downstream handler finished");
        Assert.All(bodies, b => Assert.StartsWith("aborted", b, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedChunkedBody_ToAnAggregate_Answers400()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(AggregateJson.WithAggregates(
            [
                Route(stub, "/parts/a", "/a", new { Key = "a", UpstreamHttpMethod = new[] { "POST" } }),
                Route(stub, "/parts/b", "/b", new { Key = "b", UpstreamHttpMethod = new[] { "POST" } }),
            ],
            new { UpstreamPathTemplate = "/both", UpstreamHttpMethod = new[] { "POST" }, RouteKeys = new[] { "a", "b" } }));

        var response = await RawHttp.SendAsync(gateway.BaseAddress, Chunked("/both", "5\r\nhello\r\nZZ\r\n"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
        Assert.Equal(0, stub.Count);
    }

    [Fact]
    public async Task MalformedChunkedBody_ToARouteHashingTheBodyForItsCacheKey_Answers400()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/search", "/search", new
        {
            UpstreamHttpMethod = new[] { "POST" },
            CacheOptions = new { TtlSeconds = 30, EnableContentHashing = true },
        })));

        var response = await RawHttp.SendAsync(gateway.BaseAddress, Chunked("/search", "5\r\nhello\r\nZZ\r\n"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("application/problem+json", response.Headers["Content-Type"]);
        Assert.Equal(0, stub.Count);
    }

    private static byte[] Chunked(string target, string body) =>
        Encoding.ASCII.GetBytes(RawHttp.Head("POST", target, "Transfer-Encoding: chunked", "Content-Type: text/plain") + body);

    private static async Task RecordBodyAsync(HttpContext context, ConcurrentQueue<string> bodies)
    {
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            bodies.Enqueue("complete: " + body);
            await context.Response.WriteAsync("ok", context.RequestAborted);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            bodies.Enqueue("aborted: " + ex.GetType().Name);
        }
    }
}
