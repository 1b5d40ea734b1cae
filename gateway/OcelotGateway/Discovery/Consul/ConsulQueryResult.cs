namespace OcelotGateway.Discovery.Consul;

/// <summary>A Consul answer and the <c>X-Consul-Index</c> it carried (0 when absent).</summary>
internal readonly record struct ConsulQueryResult<T>(T Value, long Index);
