namespace Samples.ServiceDefaults.Health;

/// <summary>Paths of the health endpoints every sample service serves (the gateway's are the same).</summary>
public static class ServiceHealth
{
    /// <summary>Answers 200 while the process runs; nothing is checked.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Answers 200 once the service takes traffic; Consul's check and run.sh poll it.</summary>
    public const string ReadyPath = "/health/ready";

    public const string ReadyTag = "ready";
}
