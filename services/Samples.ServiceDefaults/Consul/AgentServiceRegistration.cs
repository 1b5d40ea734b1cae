using System.Text.Json.Serialization;

namespace Samples.ServiceDefaults.Consul;

/// <summary>Body of Consul's <c>PUT /v1/agent/service/register</c>, with Consul's property names.</summary>
internal sealed record AgentServiceRegistration(
    [property: JsonPropertyName("ID")] string Id,
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Tags")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("Address")] string Address,
    [property: JsonPropertyName("Port")] int Port,
    [property: JsonPropertyName("Check")] AgentServiceCheck Check);

/// <summary>
/// The registration's HTTP check; durations are Go duration strings (<c>10s</c>, <c>1500ms</c>). <c>Status</c> is the check's
/// state until its first run (Consul's default is critical, which would keep a healthy instance out of traffic for up to one
/// interval after every registration).
/// </summary>
internal sealed record AgentServiceCheck(
    [property: JsonPropertyName("HTTP")] string Http,
    [property: JsonPropertyName("Method")] string Method,
    [property: JsonPropertyName("Interval")] string Interval,
    [property: JsonPropertyName("Timeout")] string Timeout,
    [property: JsonPropertyName("DeregisterCriticalServiceAfter")] string DeregisterCriticalServiceAfter,
    [property: JsonPropertyName("Status")] string Status);
