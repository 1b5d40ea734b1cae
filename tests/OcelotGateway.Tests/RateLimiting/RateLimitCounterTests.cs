using OcelotGateway.RateLimiting;

namespace OcelotGateway.Tests.RateLimiting;

public sealed class RateLimitCounterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RateLimitRule ThreePerSecondWaitOne = new(3, TimeSpan.FromSeconds(1), "1s", TimeSpan.FromSeconds(1), "1s");
    private static readonly RateLimitRule TwoPerSecond = new(2, TimeSpan.FromSeconds(1), "1s", TimeSpan.Zero, "0s");

    [Fact]
    public void Next_FirstRequest_StartsWindowAtOne()
    {
        var counter = RateLimitCounter.Next(null, TwoPerSecond, T0);

        Assert.Equal(new RateLimitCounter(T0, 1, null), counter);
    }

    [Fact]
    public void Next_OverLimit_RemembersWhenExceeded()
    {
        var counter = Count(ThreePerSecondWaitOne, T0, T0.AddMilliseconds(50), T0.AddMilliseconds(100), T0.AddMilliseconds(150));

        Assert.Equal(4, counter.Total);
        Assert.Equal(T0.AddMilliseconds(150), counter.ExceededAt);
    }

    [Fact]
    public void RetryAfter_WithoutWait_IsTimeToEndOfWindow()
    {
        var counter = Count(TwoPerSecond, T0, T0, T0.AddMilliseconds(250));

        Assert.Equal(0.75, counter.RetryAfterSeconds(TwoPerSecond, T0.AddMilliseconds(250)), 3);
    }

    [Fact]
    public void RetryAfter_WithWait_IsTimeToEndOfWait()
    {
        var exceededAt = T0.AddMilliseconds(150);
        var counter = Count(ThreePerSecondWaitOne, T0, T0.AddMilliseconds(50), T0.AddMilliseconds(100), exceededAt);

        Assert.Equal(1.0, counter.RetryAfterSeconds(ThreePerSecondWaitOne, exceededAt), 3);
    }

    [Fact]
    public void Next_InsideWaitWindowAfterPeriod_StillCounts_AfterWait_Restarts()
    {
        var exceededAt = T0.AddMilliseconds(150);
        var counter = Count(ThreePerSecondWaitOne, T0, T0.AddMilliseconds(50), T0.AddMilliseconds(100), exceededAt);

        var duringWait = RateLimitCounter.Next(counter, ThreePerSecondWaitOne, exceededAt.AddMilliseconds(900));
        var afterWait = RateLimitCounter.Next(duringWait, ThreePerSecondWaitOne, exceededAt.AddMilliseconds(1001));

        Assert.Equal(5, duringWait.Total);
        Assert.Equal(new RateLimitCounter(exceededAt.AddMilliseconds(1001), 1, null), afterWait);
    }

    [Fact]
    public void Next_AfterWindowWithoutExceeding_Restarts()
    {
        var counter = Count(TwoPerSecond, T0);

        var next = RateLimitCounter.Next(counter, TwoPerSecond, T0.AddMilliseconds(1001));

        Assert.Equal(new RateLimitCounter(T0.AddMilliseconds(1001), 1, null), next);
    }

    private static RateLimitCounter Count(RateLimitRule rule, params DateTimeOffset[] moments)
    {
        RateLimitCounter? counter = null;
        foreach (var moment in moments)
        {
            counter = RateLimitCounter.Next(counter, rule, moment);
        }

        return counter!.Value;
    }
}
