using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Resilience;

/// <summary>How one downstream call ended, as the circuit breaker judges it.</summary>
public readonly record struct ForwardOutcome(int StatusCode, ForwarderError? Error, bool TimedOut, bool CanBeRetried = false)
{
    /// <summary>
    /// Worth another attempt: nothing reached the client yet, and the call failed to connect or got 502/503/504. Not when no
    /// instance was available: another attempt would find the same empty list.
    /// </summary>
    public bool IsRetryable => CanBeRetried && !IsGatewayOwn && (StatusCode is 502 or 503 or 504 || Error is ForwarderError.Request);

    /// <summary>
    /// Ocelot counts 500–508 and failed calls (502 for connection errors included); 4xx are successes. The gateway's own 503
    /// for "no instance available" is no downstream outcome and is never a failure.
    /// </summary>
    public bool IsFailure => !IsGatewayOwn && (TimedOut || StatusCode is >= 500 and <= 508);

    private bool IsGatewayOwn => Error is ForwarderError.NoAvailableDestinations;
}
