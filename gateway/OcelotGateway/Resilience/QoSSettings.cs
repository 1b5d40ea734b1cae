namespace OcelotGateway.Resilience;

/// <summary>
/// A route's effective QoS after Ocelot's substitutions: a circuit breaker (count or ratio mode) and a per-call timeout.
/// Value equality lets a reload keep a route's breaker, and its state, when these did not change.
/// </summary>
public sealed record QoSSettings(
    bool BreakerEnabled,
    int MinimumThroughput,
    TimeSpan BreakDuration,
    double FailureRatio,
    TimeSpan SamplingDuration,
    TimeSpan? Timeout)
{
    public const int DefaultMinimumThroughput = 100;
    public static readonly TimeSpan DefaultBreakDuration = TimeSpan.FromMilliseconds(5000);
    public static readonly TimeSpan DefaultSamplingDuration = TimeSpan.FromMilliseconds(10_000);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(30_000);
    public const double DefaultFailureRatio = 0.5;
}
