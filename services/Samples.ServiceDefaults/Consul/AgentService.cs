using System.Text.Json.Serialization;

namespace Samples.ServiceDefaults.Consul;

/// <summary>One value of Consul's <c>GET /v1/agent/services</c>: a service instance the local agent holds.</summary>
internal sealed record AgentService(
    [property: JsonPropertyName("ID")] string? Id,
    [property: JsonPropertyName("Service")] string? Service,
    [property: JsonPropertyName("Address")] string? Address,
    [property: JsonPropertyName("Port")] int Port);
