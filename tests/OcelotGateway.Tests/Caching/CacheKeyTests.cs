using System.Text;
using OcelotGateway.Caching;

namespace OcelotGateway.Tests.Caching;

public sealed class CacheKeyTests
{
    private const string Url = "http://10.0.0.1:5001/api/items?page=2";

    [Fact]
    public void Compose_SameRequest_SameKey_AndTheMethodIsCaseInsensitive()
    {
        Assert.Equal(
            CacheKey.Compose("GET", Url, "no-cache", [], includeBody: false),
            CacheKey.Compose("get", Url, "no-cache", [], includeBody: false));
    }

    [Theory]
    [InlineData("POST", Url, null)]
    [InlineData("GET", "http://10.0.0.2:5001/api/items?page=2", null)]
    [InlineData("GET", "http://10.0.0.1:5001/api/items?page=3", null)]
    [InlineData("GET", Url, "123")]
    public void Compose_MethodHostQueryOrHeaderValue_ChangeTheKey(string method, string url, string? header)
    {
        Assert.NotEqual(CacheKey.Compose("GET", Url, null, [], includeBody: false), CacheKey.Compose(method, url, header, [], includeBody: false));
    }

    [Fact]
    public void Compose_MissingAndEmptyHeader_AreTheSame_AsInOcelot()
    {
        Assert.Equal(CacheKey.Compose("GET", Url, null, [], false), CacheKey.Compose("GET", Url, string.Empty, [], false));
    }

    [Fact]
    public void Compose_BodyCountsOnlyWithContentHashing()
    {
        var a = Encoding.UTF8.GetBytes("A");
        var b = Encoding.UTF8.GetBytes("B");

        Assert.Equal(CacheKey.Compose("POST", Url, null, a, includeBody: false), CacheKey.Compose("POST", Url, null, b, includeBody: false));
        Assert.NotEqual(CacheKey.Compose("POST", Url, null, a, includeBody: true), CacheKey.Compose("POST", Url, null, b, includeBody: true));
        Assert.NotEqual(CacheKey.Compose("POST", Url, null, a, includeBody: true), CacheKey.Compose("POST", Url, null, a, includeBody: false));
    }

    [Fact]
    public void Compose_PartsCannotRunIntoEachOther()
    {
        // With plain '-' joins (Ocelot's MD5 input) these two would be the same string "GET-u-a-b".
        Assert.NotEqual(CacheKey.Compose("GET", "u-a", "b", [], false), CacheKey.Compose("GET", "u", "a-b", [], false));
    }

    [Fact]
    public void Compose_IsALowercaseSha256()
    {
        var key = CacheKey.Compose("GET", Url, null, [], false);

        Assert.Equal(64, key.Length);
        Assert.Equal(key.ToLowerInvariant(), key);
    }
}
