using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OcelotGateway.Caching;

namespace OcelotGateway.Tests.Caching;

public sealed class CacheableResponseTests
{
    [Theory]
    [InlineData("Set-Cookie", "sid=1; Path=/", "it sets a cookie (Set-Cookie)")]
    [InlineData("Cache-Control", "private", "Cache-Control: private")]
    [InlineData("Cache-Control", "max-age=60, PRIVATE", "Cache-Control: private")]
    [InlineData("Cache-Control", "private=\"X-User\"", "Cache-Control: private")]
    [InlineData("Cache-Control", "no-store", "Cache-Control: no-store")]
    [InlineData("Cache-Control", "public, no-cache", "Cache-Control: no-cache")]
    [InlineData("Cache-Control", "ext=\"a, b\", no-store", "Cache-Control: no-store")]
    [InlineData("Vary", "Accept, *", "Vary: *")]
    public void RefusalReason_NamesWhatForbidsSharing(string header, string value, string reason)
    {
        Assert.Equal(reason, CacheableResponse.RefusalReason(Headers((header, value))));
    }

    [Theory]
    [InlineData("Cache-Control", "public, max-age=60")]
    [InlineData("Cache-Control", "ext=\"private, no-store\"")]
    [InlineData("Vary", "Accept-Language")]
    [InlineData("X-Private", "no-store")]
    public void RefusalReason_SharableResponses_AreNull(string header, string value)
    {
        Assert.Null(CacheableResponse.RefusalReason(Headers((header, value))));
    }

    [Fact]
    public void RefusalReason_SeesDirectivesOnAnyHeaderLine()
    {
        var headers = new HeaderDictionary { ["Cache-Control"] = new StringValues(["max-age=60", "no-store"]) };

        Assert.Equal("Cache-Control: no-store", CacheableResponse.RefusalReason(headers));
    }

    [Fact]
    public void VaryNames_AreLowercase_Distinct_AcrossLines()
    {
        var headers = new HeaderDictionary { ["Vary"] = new StringValues(["Accept-Language, Origin", " accept-language ,,X-Tenant"]) };

        Assert.Equal(["accept-language", "origin", "x-tenant"], CacheableResponse.VaryNames(headers));
    }

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        return dictionary;
    }
}
