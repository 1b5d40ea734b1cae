using OcelotGateway.Caching;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Tests.Caching;

public sealed class CachePolicyCompilerTests
{
    [Fact]
    public void Compile_Defaults_AreOcelots()
    {
        var policy = CachePolicyCompiler.Compile(new FileCacheOptions { TtlSeconds = 30 }, ["Get", "Post"], "/products/{id}")!;

        Assert.Equal(TimeSpan.FromSeconds(30), policy.Ttl);
        Assert.Equal("GetPostproducts{id}", policy.Region);
        Assert.Equal("OC-Cache-Control", policy.Header);
        Assert.False(policy.EnableContentHashing);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Compile_WithoutAPositiveTtl_IsOff(int? ttl)
    {
        Assert.Null(CachePolicyCompiler.Compile(new FileCacheOptions { TtlSeconds = ttl, Region = "r" }, [], "/x"));
        Assert.Null(CachePolicyCompiler.Compile(null, [], "/x"));
    }

    [Fact]
    public void Compile_ExplicitValues_AreKept()
    {
        var policy = CachePolicyCompiler.Compile(
            new FileCacheOptions { TtlSeconds = 1, Region = "stock", Header = "Authorization", EnableContentHashing = true }, [], "/x")!;

        Assert.Equal("stock", policy.Region);
        Assert.Equal("Authorization", policy.Header);
        Assert.True(policy.EnableContentHashing);
    }
}
