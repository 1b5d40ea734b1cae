using System.Net;
using Samples.Tests.Infrastructure;
using Stock.Api;

namespace Samples.Tests.ServiceDefaults;

/// <summary>HEAD is answered wherever GET is: same status and headers, no body.</summary>
public sealed class HeadAsGetTests
{
    [Theory]
    [InlineData("/api/stocks/MSFT", HttpStatusCode.OK)]
    [InlineData("/api/stocks?page=2", HttpStatusCode.OK)]
    [InlineData("/api/stocks/NOPE", HttpStatusCode.NotFound)]
    [InlineData("/health/ready", HttpStatusCode.OK)]
    public async Task Head_AnswersAsGetWithoutABody(string path, HttpStatusCode expected)
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var get = await app.Client.GetAsync(path);
        using var head = await app.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(expected, get.StatusCode);
        Assert.Equal(expected, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
