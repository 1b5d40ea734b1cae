using Microsoft.AspNetCore.Http;
using OcelotGateway.Caching;

namespace OcelotGateway.Tests.Caching;

public sealed class RequestBodyBufferTests
{
    private static readonly byte[] Body = [.. Enumerable.Range(0, 40_000).Select(i => (byte)i)];

    [Fact]
    public async Task ReadAsync_WithinTheLimit_ReturnsTheBody_AndTheRequestStillSendsIt()
    {
        var request = Request(contentLength: null);

        var read = await RequestBodyBuffer.ReadAsync(request, Body.Length, default);

        Assert.Equal(Body, read);
        Assert.Equal(Body, await RemainingAsync(request));
    }

    [Fact]
    public async Task ReadAsync_UnknownLengthOverTheLimit_ReturnsNull_ButNoByteIsLost()
    {
        var request = Request(contentLength: null);

        var read = await RequestBodyBuffer.ReadAsync(request, 1000, default);

        Assert.Null(read);
        Assert.Equal(Body, await RemainingAsync(request));
    }

    [Fact]
    public async Task ReadAsync_DeclaredLengthOverTheLimit_DoesNotTouchTheBody()
    {
        var request = Request(contentLength: Body.Length);
        var original = request.Body;

        Assert.Null(await RequestBodyBuffer.ReadAsync(request, 1000, default));
        Assert.Same(original, request.Body);
    }

    private static HttpRequest Request(long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Body);
        context.Request.ContentLength = contentLength;
        return context.Request;
    }

    private static async Task<byte[]> RemainingAsync(HttpRequest request)
    {
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy);
        return copy.ToArray();
    }
}
