using System.Text.Json.Serialization;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// One service instance registered with the Consul stand-in, with the node it runs on and its own health check. The JSON
/// property names are Consul's (<c>PUT /v1/agent/service/register</c> bodies bind onto it).
/// </summary>
public sealed class ConsulRegistration
{
    public string? ID { get; set; }

    public string? Name { get; set; }

    public string? Address { get; set; }

    public int Port { get; set; }

    public List<string>? Tags { get; set; }

    public Dictionary<string, string>? Meta { get; set; }

    /// <summary>The one check of the registration body (Consul also accepts <c>Checks</c>; the stand-in keeps the first).</summary>
    public CheckDefinition? Check { get; set; }

    public List<CheckDefinition>? Checks { get; set; }

    /// <summary>Name of the node the instance runs on (not part of the registration body; the agent's node).</summary>
    [JsonIgnore]
    public string Node { get; set; } = "stand-in-node";

    [JsonIgnore]
    public string NodeAddress { get; set; } = "127.0.0.1";

    /// <summary>Current status of the instance's check: <c>passing</c>, <c>warning</c> or <c>critical</c>.</summary>
    [JsonIgnore]
    public string Status { get; set; } = "passing";

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of the check turning critical; null while it is not.</summary>
    [JsonIgnore]
    public long? CriticalSince { get; set; }

    /// <summary>Consul's check definition: an HTTP check is probed by the stand-in at <see cref="Interval"/>.</summary>
    public sealed class CheckDefinition
    {
        public string? HTTP { get; set; }

        public string? Interval { get; set; }

        public string? Timeout { get; set; }

        public string? DeregisterCriticalServiceAfter { get; set; }

        /// <summary>Initial status; Consul's default is <c>critical</c> until the first probe.</summary>
        public string? Status { get; set; }
    }
}
