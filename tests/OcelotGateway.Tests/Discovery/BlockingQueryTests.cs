using OcelotGateway.Discovery.Consul;

namespace OcelotGateway.Tests.Discovery;

public sealed class BlockingQueryTests
{
    [Theory]
    [InlineData(0, 42, 42)]
    [InlineData(42, 42, 42)]
    [InlineData(42, 57, 57)]
    public void NextIndex_UsesTheReturnedIndex(long previous, long returned, long expected) =>
        Assert.Equal(expected, BlockingQuery.NextIndex(previous, returned));

    [Fact]
    public void NextIndex_WentBackwards_StartsOverAtZero() => Assert.Equal(0, BlockingQuery.NextIndex(100, 7));

    [Fact]
    public void NextIndex_Zero_IsRaisedToOne_SoTheNextQueryBlocks() => Assert.Equal(1, BlockingQuery.NextIndex(0, 0));

    [Fact]
    public void IsBlocking_OnlyWithAnIndex()
    {
        Assert.False(BlockingQuery.Immediate.IsBlocking);
        Assert.True(new BlockingQuery(5, TimeSpan.FromSeconds(30)).IsBlocking);
    }

    [Theory]
    [InlineData(30_000, "30s")]
    [InlineData(600_000, "600s")]
    [InlineData(1_500, "1500ms")]
    [InlineData(250, "250ms")]
    public void FormatWait_WritesConsulDurations(int milliseconds, string expected) =>
        Assert.Equal(expected, ConsulClient.FormatWait(TimeSpan.FromMilliseconds(milliseconds)));
}
