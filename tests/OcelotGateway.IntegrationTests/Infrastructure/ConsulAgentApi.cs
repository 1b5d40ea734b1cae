using System.Net.Http.Json;
using System.Text.Json;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>What the real-agent tests ask a Consul agent directly, through its HTTP API.</summary>
public static class ConsulAgentApi
{
    /// <summary>IDs of the passing instances of <paramref name="service"/> (<c>/v1/health/service/{service}?passing</c>).</summary>
    public static async Task<List<string>> PassingAsync(this ConsulAgent agent, string service)
    {
        using var entries = JsonDocument.Parse(await agent.Client.GetStringAsync("/v1/health/service/" + service + "?passing"));
        return [.. entries.RootElement.EnumerateArray().Select(e => e.GetProperty("Service").GetProperty("ID").GetString()!).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every instance of <paramref name="service"/> with its checks' states, for failure messages ("4711: serfHealth passing, …; …").</summary>
    public static async Task<string> ChecksAsync(this ConsulAgent agent, string service)
    {
        using var entries = JsonDocument.Parse(await agent.Client.GetStringAsync("/v1/health/service/" + service));
        return string.Join("; ", entries.RootElement.EnumerateArray().Select(e =>
            e.GetProperty("Service").GetProperty("Port").GetInt32() + ": "
            + string.Join(", ", e.GetProperty("Checks").EnumerateArray().Select(c => c.GetProperty("CheckID").GetString() + " " + c.GetProperty("Status").GetString()))));
    }

    /// <summary>IDs of every instance of <paramref name="service"/> the agent holds, passing or not (<c>/v1/agent/services</c>).</summary>
    public static async Task<List<string>> RegisteredAsync(this ConsulAgent agent, string service)
    {
        using var services = JsonDocument.Parse(await agent.Client.GetStringAsync("/v1/agent/services"));
        return [.. services.RootElement.EnumerateObject()
            .Where(s => s.Value.GetProperty("Service").GetString() == service)
            .Select(s => s.Name)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Registers an instance with a TTL check that starts passing; <see cref="SetTtlAsync"/> moves it.</summary>
    public static async Task RegisterWithTtlAsync(this ConsulAgent agent, string service, string id, int port)
    {
        using var response = await agent.Client.PutAsJsonAsync("/v1/agent/service/register", new
        {
            ID = id,
            Name = service,
            Address = "127.0.0.1",
            Port = port,
            Check = new { CheckID = "ttl:" + id, TTL = "10m", Status = "passing" },
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sets a TTL check registered by <see cref="RegisterWithTtlAsync"/>: <c>pass</c>, <c>warn</c> or <c>fail</c>.</summary>
    public static async Task SetTtlAsync(this ConsulAgent agent, string id, string state)
    {
        using var response = await agent.Client.PutAsync("/v1/agent/check/" + state + "/ttl:" + id, null);
        response.EnsureSuccessStatusCode();
    }

    public static async Task DeregisterAsync(this ConsulAgent agent, string id)
    {
        using var response = await agent.Client.PutAsync("/v1/agent/service/deregister/" + id, null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The KV key's raw value, or null when it does not exist.</summary>
    public static async Task<string?> GetKeyAsync(this ConsulAgent agent, string key)
    {
        using var response = await agent.Client.GetAsync("/v1/kv/" + key + "?raw");
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
    }

    public static async Task PutKeyAsync(this ConsulAgent agent, string key, string value)
    {
        using var response = await agent.Client.PutAsync("/v1/kv/" + key, new StringContent(value));
        response.EnsureSuccessStatusCode();
    }
}
