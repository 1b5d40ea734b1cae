using CsCheck;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OcelotGateway.Discovery;

namespace OcelotGateway.Tests.Discovery;

public sealed class DynamicRoutingFilterTests
{
    /// <summary>Fixed so every run checks the same cases; set <c>CsCheck_Seed</c> to explore others.</summary>
    private const string Seed = "1xn1HwIbwfUS";

    private static readonly Gen<string> Name = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"].Array[1, 12]
        .Where(c => char.IsAsciiLetterOrDigit(c[0]))
        .Select(c => new string(c));

    [Fact]
    public void Default_ExcludesConsulInAnyCase_RoutesEveryOtherName()
    {
        Assert.False(DynamicRoutingFilter.Default.Routes("consul"));
        Assert.False(DynamicRoutingFilter.Default.Routes("CONSUL"));
        Name.Where(n => !n.Equals("consul", StringComparison.OrdinalIgnoreCase))
            .Sample(name => Assert.True(DynamicRoutingFilter.Default.Routes(name)), seed: Seed, iter: 5_000);
    }

    [Fact]
    public void Routes_ExactlyWhenAllowedAndNotExcluded()
    {
        // The oracle spells out the documented rule independently of the implementation's pattern matching.
        static bool Matches(string pattern, string name) => pattern.EndsWith('*')
            ? name.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
            : name.Equals(pattern, StringComparison.OrdinalIgnoreCase);

        var pattern = Gen.OneOf(Name, Name.Select(n => n[..Math.Min(n.Length, 3)] + "*"), Gen.Const("*"));
        Gen.Select(pattern.List[0, 3], pattern.List[0, 3], Name).Sample((allowed, excluded, name) =>
        {
            var expected = (allowed.Count == 0 || allowed.Exists(p => Matches(p, name))) && !excluded.Exists(p => Matches(p, name));
            Assert.Equal(expected, new DynamicRoutingFilter(allowed, excluded).Routes(name));
        }, seed: Seed, iter: 10_000);
    }

    [Fact]
    public void IsValidPattern_NamesAndPrefixesPass_AnythingAPathSegmentCannotCarryFails()
    {
        Name.Sample(name =>
        {
            Assert.True(DynamicRoutingFilter.IsValidPattern(name));
            Assert.True(DynamicRoutingFilter.IsValidPattern(name + "*"));
        }, seed: Seed, iter: 2_000);
        Gen.Select(Name, Gen.Char["/ {}?#%\\*\t"], Name).Sample((before, bad, after) =>
            Assert.False(DynamicRoutingFilter.IsValidPattern(before + bad + after)), seed: Seed, iter: 2_000);
        Assert.True(DynamicRoutingFilter.IsValidPattern("*"));
        Assert.False(DynamicRoutingFilter.IsValidPattern(""));
        Assert.False(DynamicRoutingFilter.IsValidPattern(null));
        Assert.False(DynamicRoutingFilter.IsValidPattern("-leading-dash"));
    }

    [Fact]
    public void Options_ValueReplacesTheDefault_BadEntriesFailStartUpNamingTheKey()
    {
        Assert.True(Filter(new() { ["Gateway:Discovery:DynamicRoutingExcluded:0"] = "vault" }).Routes("consul"));
        Assert.False(Filter(new() { ["Gateway:Discovery:DynamicRoutingExcluded:0"] = "vault" }).Routes("vault"));
        Assert.False(Filter([]).Routes("consul"));
        Assert.False(Filter(new() { ["Gateway:Discovery:DynamicRoutingAllowed:0"] = "stock" }).Routes("esg"));

        var failure = Assert.Throws<OptionsValidationException>(() => Filter(new()
        {
            ["Gateway:Discovery:DynamicRoutingAllowed:0"] = "stock",
            ["Gateway:Discovery:DynamicRoutingAllowed:1"] = "a/b",
            ["Gateway:Discovery:DynamicRoutingExcluded:0"] = "",
        }));
        Assert.Contains(failure.Failures, f => f.StartsWith("Gateway:Discovery:DynamicRoutingAllowed:1 'a/b'", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("Gateway:Discovery:DynamicRoutingExcluded:0 ''", StringComparison.Ordinal));
    }

    private static DynamicRoutingFilter Filter(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddGatewayDiscovery(configuration).BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<DiscoveryOptions>>().Value;
        return provider.GetRequiredService<DynamicRoutingFilter>();
    }
}
