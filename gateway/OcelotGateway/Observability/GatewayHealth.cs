namespace OcelotGateway.Observability;

/// <summary>Paths and tags of the gateway's own health endpoints.</summary>
public static class GatewayHealth
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string ReadyTag = "ready";

    /// <summary>Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";
}
