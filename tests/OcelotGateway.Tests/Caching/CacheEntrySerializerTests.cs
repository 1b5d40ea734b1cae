using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OcelotGateway.Caching;

namespace OcelotGateway.Tests.Caching;

public sealed class CacheEntrySerializerTests
{
    [Fact]
    public void RoundTrip_KeepsVariedValuesAndTheResponse()
    {
        var entry = new CacheEntry
        {
            Varied = [new("accept-language", "de"), new("x-tenant", string.Empty)],
            Response = new CachedResponse
            {
                StatusCode = 200,
                Headers = [new("Vary", new StringValues("Accept-Language, X-Tenant"))],
                Body = Encoding.UTF8.GetBytes("hallo"),
                StoredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000),
            },
        };

        var copy = CacheEntrySerializer.Deserialize(CacheEntrySerializer.Serialize(entry));

        Assert.Equal(entry.Varied, copy.Varied);
        Assert.Equal("hallo", Encoding.UTF8.GetString(copy.Response.Body.Span));
        Assert.Equal("Vary", copy.Response.Headers.Single().Key);
    }

    [Fact]
    public void Deserialize_AnEntryOfThePreviousFormat_IsUnreadable()
    {
        var previous = CachedResponseSerializer.Serialize(new CachedResponse { StatusCode = 200, Headers = [], Body = Array.Empty<byte>(), StoredAt = DateTimeOffset.UnixEpoch });

        Assert.Throws<InvalidDataException>(() => CacheEntrySerializer.Deserialize(previous));
    }

    [Theory]
    [InlineData("de", null, true)]
    [InlineData("de", "", true)]
    [InlineData("fr", null, false)]
    [InlineData(null, null, false)]
    [InlineData("de", "acme", false)]
    public void Matches_OnlyRequestsSendingTheSameValues(string? language, string? tenant, bool matches)
    {
        var entry = new CacheEntry
        {
            Varied = [new("accept-language", "de"), new("x-tenant", string.Empty)],
            Response = new CachedResponse { StatusCode = 200, Headers = [], Body = Array.Empty<byte>(), StoredAt = DateTimeOffset.UnixEpoch },
        };
        var request = new DefaultHttpContext().Request;
        if (language is not null)
        {
            request.Headers["Accept-Language"] = language;
        }

        if (tenant is not null)
        {
            request.Headers["X-Tenant"] = tenant;
        }

        Assert.Equal(matches, entry.Matches(request));
    }
}
