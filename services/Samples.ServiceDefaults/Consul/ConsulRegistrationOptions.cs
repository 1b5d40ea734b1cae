namespace Samples.ServiceDefaults.Consul;

/// <summary>
/// Section <c>Consul</c>: where the service registers itself. Registration is off while <see cref="Address"/> is empty, which is
/// the default, so a service runs alone without Consul (e.g. <c>run.sh</c>).
/// </summary>
public sealed class ConsulRegistrationOptions
{
    public const string SectionName = "Consul";

    /// <summary>Consul agent's HTTP API, e.g. <c>http://consul:8500</c>. Empty: no registration.</summary>
    public string? Address { get; set; }

    /// <summary>ACL token, sent as <c>X-Consul-Token</c>.</summary>
    public string? Token { get; set; }

    /// <summary>Name the gateway looks the service up by (a route's <c>ServiceName</c>). Default: the service's own name.</summary>
    public string? ServiceName { get; set; }

    /// <summary>Address other machines reach the service at. Default: the bound address, or the host name when bound to all addresses.</summary>
    public string? ServiceAddress { get; set; }

    /// <summary>Port other machines reach the service at (e.g. a published container port). Default: the bound port.</summary>
    public int? ServicePort { get; set; }

    public List<string> Tags { get; set; } = [];

    /// <summary>How often Consul calls <c>/health/ready</c>. Default 10 s.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long Consul waits for the check's answer. Default 5 s.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Consul removes an instance whose check stayed critical this long (a crashed instance that never deregistered). Default 1 min.</summary>
    public TimeSpan DeregisterCriticalServiceAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the service asks its agent whether the registration is still there, and registers again when it is not (an
    /// agent restarted without its data, as a <c>-dev</c> agent always does). Default 10 s.
    /// </summary>
    public TimeSpan VerifyInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait after a failed registration; it doubles up to <see cref="MaxRetryDelay"/>. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one call to Consul. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal bool IsEnabled => !string.IsNullOrWhiteSpace(Address);
}
