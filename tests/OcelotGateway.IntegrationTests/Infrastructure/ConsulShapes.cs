namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>The JSON shapes of Consul's answers, as its API documentation shows them.</summary>
internal static class ConsulShapes
{
    /// <summary>One element of <c>GET /v1/health/service/{name}</c>: node, service, and the node's and the service's checks.</summary>
    public static object HealthEntry(ConsulRegistration s) => new
    {
        Node = new
        {
            ID = "00000000-0000-0000-0000-000000000001",
            s.Node,
            Address = s.NodeAddress,
            Datacenter = "dc1",
            TaggedAddresses = new Dictionary<string, string>(),
            Meta = new Dictionary<string, string>(),
        },
        Service = new
        {
            s.ID,
            Service = s.Name,
            Tags = s.Tags ?? [],
            Address = s.Address ?? string.Empty,
            Meta = s.Meta ?? [],
            s.Port,
            Weights = new { Passing = 1, Warning = 1 },
            EnableTagOverride = false,
        },
        Checks = new object[]
        {
            new { s.Node, CheckID = "serfHealth", Name = "Serf Health Status", Status = "passing", Output = "Agent alive and reachable", ServiceID = string.Empty, ServiceName = string.Empty },
            new { s.Node, CheckID = "service:" + s.ID, Name = "Service '" + s.Name + "' check", s.Status, Output = string.Empty, ServiceID = s.ID, ServiceName = s.Name },
        },
    };

    /// <summary>One element of <c>GET /v1/kv/{key}</c>: the value in base64.</summary>
    public static object KeyValue(string key, byte[] value, long createIndex, long modifyIndex) =>
        new { LockIndex = 0, Key = key, Flags = 0, Value = Convert.ToBase64String(value), CreateIndex = createIndex, ModifyIndex = modifyIndex };

    /// <summary>One value of <c>GET /v1/agent/services</c>.</summary>
    public static object AgentService(ConsulRegistration s) =>
        new { s.ID, Service = s.Name, Tags = s.Tags ?? [], Meta = s.Meta ?? [], s.Port, s.Address };
}
