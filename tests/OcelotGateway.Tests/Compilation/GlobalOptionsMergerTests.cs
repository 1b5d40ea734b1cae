using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Tests.Compilation;

public sealed class GlobalOptionsMergerTests
{
    private static readonly FileQoSOptions Global = new() { MinimumThroughput = 5, BreakDuration = 3000, Timeout = 800 };

    [Fact]
    public void Merge_RouteWithoutSection_InGroup_TakesGlobal()
    {
        var merged = GlobalOptionsMerger.Merge(null, Global, "orders", o => o.RouteKeys);

        Assert.Same(Global, merged);
    }

    [Fact]
    public void Merge_BothPresent_RouteValuesWin_MissingOnesFromGlobal()
    {
        var merged = GlobalOptionsMerger.Merge(new FileQoSOptions { Timeout = 200 }, Global, "orders", o => o.RouteKeys)!;

        Assert.Equal(200, merged.Timeout);
        Assert.Equal(5, merged.MinimumThroughput);
        Assert.Equal(3000, merged.BreakDuration);
    }

    [Fact]
    public void Merge_RouteOutsideGroup_KeepsOnlyItsOwnSection()
    {
        var grouped = new FileQoSOptions { MinimumThroughput = 5, RouteKeys = ["payments"] };

        Assert.Null(GlobalOptionsMerger.Merge(null, grouped, "orders", o => o.RouteKeys));
        Assert.Null(GlobalOptionsMerger.Merge(new FileQoSOptions { Timeout = 1 }, grouped, "orders", o => o.RouteKeys)!.MinimumThroughput);
        Assert.Equal(5, GlobalOptionsMerger.Merge(null, grouped, "payments", o => o.RouteKeys)!.MinimumThroughput);
    }
}
