using System.Text;
using Microsoft.Extensions.Primitives;
using OcelotGateway.Caching;

namespace OcelotGateway.Tests.Caching;

public sealed class CachedResponseSerializerTests
{
    [Fact]
    public void RoundTrip_KeepsStatusReasonHeadersBodyAndTime()
    {
        var original = new CachedResponse
        {
            StatusCode = 299,
            ReasonPhrase = "Custom",
            Headers =
            [
                new("Content-Type", "application/json"),
                new("X-Multi", new StringValues(["a", "b"])),
                new("X-Empty", StringValues.Empty),
            ],
            Body = Encoding.UTF8.GetBytes("{\"ok\":true}"),
            StoredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123),
        };

        var copy = CachedResponseSerializer.Deserialize(CachedResponseSerializer.Serialize(original));

        Assert.Equal(299, copy.StatusCode);
        Assert.Equal("Custom", copy.ReasonPhrase);
        Assert.Equal(original.StoredAt, copy.StoredAt);
        Assert.Equal(original.Body.ToArray(), copy.Body.ToArray());
        Assert.Equal(["Content-Type", "X-Multi", "X-Empty"], copy.Headers.Select(h => h.Key));
        Assert.Equal(2, copy.Headers[1].Value.Count);
        Assert.Equal("a,b", copy.Headers[1].Value.ToString());
        Assert.Equal(0, copy.Headers[2].Value.Count);
    }

    [Fact]
    public void Deserialize_UnknownFormat_Throws()
    {
        Assert.Throws<InvalidDataException>(() => CachedResponseSerializer.Deserialize([42, 0, 0]));
    }
}
