using Yarp.ReverseProxy.Forwarder;

namespace OcelotGateway.Resilience;

/// <summary>How one downstream call ended, as the circuit breaker judges it.</summary>
public readonly record struct ForwardOutcome(int StatusCode, ForwarderError? Error, bool TimedOut)
{
    /// <summary>Ocelot counts 500–508 and failed calls (502 for connection errors included); 4xx are successes.</summary>
    public bool IsFailure => TimedOut || StatusCode is >= 500 and <= 508;
}
