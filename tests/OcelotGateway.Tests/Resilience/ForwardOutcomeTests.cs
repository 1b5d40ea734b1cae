using CsCheck;
using OcelotGateway.Resilience;
using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Tests.Resilience;

public sealed class ForwardOutcomeTests
{
    /// <summary>Fixed so every run checks the same cases; set <c>CsCheck_Seed</c> to explore others.</summary>
    private const string Seed = "1xn1HwIbwfUS";

    private static readonly Gen<ForwarderError?> Error = Gen.OneOf(Gen.Const((ForwarderError?)null), Gen.Enum<ForwarderError>().Select(e => (ForwarderError?)e));

    [Fact]
    public void NoAvailableDestinations_IsNeitherAFailureNorRetryable_WhateverElseTheOutcomeSays()
    {
        Gen.Select(Gen.Int[100, 599], Gen.Bool, Gen.Bool).Sample((status, timedOut, canBeRetried) =>
        {
            var outcome = new ForwardOutcome(status, ForwarderError.NoAvailableDestinations, timedOut, canBeRetried);
            Assert.False(outcome.IsFailure);
            Assert.False(outcome.IsRetryable);
        }, seed: Seed, iter: 5_000);
    }

    [Fact]
    public void DownstreamOutcomes_FailOn500To508OrTimeout_As_Ocelot()
    {
        Gen.Select(Gen.Int[100, 599], Error.Where(e => e != ForwarderError.NoAvailableDestinations), Gen.Bool).Sample((status, error, timedOut) =>
            Assert.Equal(timedOut || status is >= 500 and <= 508, new ForwardOutcome(status, error, timedOut).IsFailure), seed: Seed, iter: 5_000);
    }
}
