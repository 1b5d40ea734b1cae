namespace OcelotGateway.Discovery.Consul;

/// <summary>How a <see cref="ConsulWatch"/> paces its queries.</summary>
/// <param name="Blocking">True for blocking queries (type <c>Consul</c>), false for polling (<c>PollConsul</c>).</param>
/// <param name="Wait">Consul's <c>wait</c> for blocking queries.</param>
/// <param name="PollingInterval">Pause between polls.</param>
/// <param name="RetryDelay">First pause after a failure; doubles up to <paramref name="MaxRetryDelay"/>.</param>
/// <param name="MaxRetryDelay">Longest pause after failures.</param>
internal sealed record ConsulWatchSchedule(bool Blocking, TimeSpan Wait, TimeSpan PollingInterval, TimeSpan RetryDelay, TimeSpan MaxRetryDelay);
