using CsCheck;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.Resilience;

namespace OcelotGateway.Tests.Resilience;

public sealed class RouteDeadlineTests
{
    /// <summary>Fixed so every run checks the same cases; set <c>CsCheck_Seed</c> to explore others.</summary>
    private const string Seed = "0qK7uVn3ZcQe";

    private enum Step
    {
        Wait,
        ClientLeaves,
        HeadersArrive,
    }

    private static readonly Gen<(Step Step, int Milliseconds)> Event = Gen.Select(
        Gen.Frequency((5, Gen.Const(Step.Wait)), (1, Gen.Const(Step.ClientLeaves)), (1, Gen.Const(Step.HeadersArrive))),
        Gen.Int[0, 3_000]);

    /// <summary>
    /// Whatever happens in whatever order, the request is cancelled exactly when the client left or the route's time ran out
    /// before headers arrived, and it counts as timed out (504, not 499) only when the time ran out and the client is still there.
    /// </summary>
    [Fact]
    public void CancelsOnTimeOrClient_StopsAtHeaders_AndTimesOutOnlyWhileTheClientStays()
    {
        Gen.Select(Gen.Int[1, 5_000], Event.Array[1, 12]).Sample((timeoutMs, events) =>
        {
            var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
            using var client = new CancellationTokenSource();
            using var deadline = new RouteDeadline(TimeSpan.FromMilliseconds(timeoutMs), time, client.Token);
            var elapsed = 0L;
            var stopped = false;
            var ranOut = false;
            foreach (var (step, milliseconds) in events)
            {
                switch (step)
                {
                    case Step.Wait:
                        elapsed += milliseconds;
                        ranOut |= !stopped && elapsed >= timeoutMs;
                        time.Advance(TimeSpan.FromMilliseconds(milliseconds));
                        break;
                    case Step.ClientLeaves:
                        client.Cancel();
                        break;
                    case Step.HeadersArrive:
                        stopped |= !deadline.IsCancellationRequested;
                        deadline.Stop();
                        break;
                }

                var cancelled = ranOut || client.IsCancellationRequested;
                Assert.Equal(cancelled, deadline.Token.IsCancellationRequested);
                Assert.Equal(cancelled && !client.IsCancellationRequested, deadline.TimedOut);
            }
        }, seed: Seed, iter: 3_000);
    }

    [Fact]
    public void ClientThatCannotLeave_StillTimesOut()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var deadline = new RouteDeadline(TimeSpan.FromSeconds(90), time, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(89));
        Assert.False(deadline.Token.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(deadline.TimedOut);
    }

    [Fact]
    public void Disposed_NoLongerFollowsTheClient()
    {
        using var client = new CancellationTokenSource();
        var deadline = new RouteDeadline(TimeSpan.FromSeconds(90), new FakeTimeProvider(), client.Token);
        var token = deadline.Token;

        deadline.Dispose();
        client.Cancel();

        // The link to the client's token is gone with the request: nothing is cancelled (or kept alive) through it afterwards.
        Assert.False(token.IsCancellationRequested);
    }
}
