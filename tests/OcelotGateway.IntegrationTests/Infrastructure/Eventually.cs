using System.Diagnostics;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>Waits for something observable to become true, with a deadline, instead of sleeping for a fixed time.</summary>
public static class Eventually
{
    /// <summary>Checks <paramref name="condition"/> until it holds and returns how long that took; fails the test at the deadline.</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds:0.###} s: {what}");
            }

            await Task.Delay(20);
        }

        return clock.Elapsed;
    }

    public static Task<TimeSpan> HoldsAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, what);
}
