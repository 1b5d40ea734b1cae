namespace OcelotGateway.Discovery;

/// <summary>One passing instance of a discovered service, as the gateway sends traffic to it.</summary>
/// <param name="Id">Stable id (Consul's service ID), used as the YARP destination id so load-balancing state survives updates.</param>
/// <param name="Host">Host name or IP address.</param>
/// <param name="Port">TCP port, always greater than 0.</param>
public sealed record ServiceInstance(string Id, string Host, int Port);
