using System.Text;

namespace OcelotGateway.Discovery.Consul;

/// <summary>One element of <c>GET /v1/kv/{key}</c>: the value is base64 in the JSON, and <c>ModifyIndex</c> moves on every write.</summary>
internal sealed class ConsulKeyValue
{
    public string? Key { get; init; }

    public string? Value { get; init; }

    public long ModifyIndex { get; init; }

    /// <summary>The value as UTF-8 text; empty for a key stored without a value.</summary>
    public string DecodeValue() => Value is null ? string.Empty : Encoding.UTF8.GetString(Convert.FromBase64String(Value));
}
