namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>One request the Consul stand-in received: method, path, raw query and the ACL token it carried (header or query).</summary>
public sealed record ConsulCall(string Method, string Path, string Query, string? Token);
