namespace OcelotGateway.Discovery.Consul;

/// <summary>One element of <c>GET /v1/health/service/{name}</c>: the node, the service instance and its health checks.</summary>
internal sealed class ConsulHealthEntry
{
    public const string Passing = "passing";

    public NodeInfo? Node { get; init; }

    public ServiceInfo? Service { get; init; }

    public List<CheckInfo> Checks { get; init; } = [];

    internal sealed class NodeInfo
    {
        /// <summary>The node's name (Ocelot's default downstream host).</summary>
        public string? Node { get; init; }

        public string? Address { get; init; }
    }

    internal sealed class ServiceInfo
    {
        public string? ID { get; init; }

        public string? Service { get; init; }

        /// <summary>The address the instance registered; empty means "the node's address".</summary>
        public string? Address { get; init; }

        public int Port { get; init; }

        public List<string>? Tags { get; init; }
    }

    internal sealed class CheckInfo
    {
        public string? CheckID { get; init; }

        /// <summary><c>passing</c>, <c>warning</c> or <c>critical</c>.</summary>
        public string? Status { get; init; }
    }
}
