using OcelotGateway.Caching;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Tests.Caching;

public sealed class CachePolicyCompilerTests
{
    [Fact]
    public void Compile_Defaults_AreOcelots()
    {
        var policy = CachePolicyCompiler.Compile(new FileCacheOptions { TtlSeconds = 30 }, ["Get", "Post"], "/products/{id}", "GET,POST|/products/{id}||", authenticates: false)!;

        Assert.Equal(TimeSpan.FromSeconds(30), policy.Ttl);
        Assert.Equal("GetPostproducts{id}", policy.Region);
        Assert.Equal("OC-Cache-Control", policy.Header);
        Assert.False(policy.EnableContentHashing);
        Assert.Equal("GET,POST|/products/{id}||", policy.RouteIdentity);
        Assert.False(policy.KeysOnCaller);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Compile_WithoutAPositiveTtl_IsOff(int? ttl)
    {
        Assert.Null(CachePolicyCompiler.Compile(new FileCacheOptions { TtlSeconds = ttl, Region = "r" }, [], "/x", "|/x||", authenticates: false));
        Assert.Null(CachePolicyCompiler.Compile(null, [], "/x", "|/x||", authenticates: true));
    }

    [Fact]
    public void Compile_ExplicitValues_AreKept()
    {
        var policy = CachePolicyCompiler.Compile(
            new FileCacheOptions { TtlSeconds = 1, Region = "stock", Header = "Authorization", EnableContentHashing = true }, [], "/x", "|/x||", false)!;

        Assert.Equal("stock", policy.Region);
        Assert.Equal("Authorization", policy.Header);
        Assert.True(policy.EnableContentHashing);
    }

    [Theory]
    [InlineData(true, null, true)]
    [InlineData(true, false, true)]
    [InlineData(true, true, false)]
    [InlineData(false, null, false)]
    [InlineData(false, true, false)]
    public void Compile_AuthenticatedRoutes_KeyOnTheCaller_UnlessSharedAcrossUsers(bool authenticates, bool? shared, bool keysOnCaller)
    {
        var policy = CachePolicyCompiler.Compile(new FileCacheOptions { TtlSeconds = 1, SharedAcrossUsers = shared }, [], "/x", "|/x||", authenticates)!;

        Assert.Equal(keysOnCaller, policy.KeysOnCaller);
    }
}
