using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OcelotGateway.IntegrationTests.Infrastructure;

namespace OcelotGateway.IntegrationTests.Discovery;

/// <summary>Route files for discovery tests: a <c>ServiceDiscoveryProvider</c> pointing at the Consul stand-in, routes by service.</summary>
public static class ConsulJson
{
    /// <summary>Settings that keep Consul retries short in tests.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastRetries = new Dictionary<string, string?>
    {
        ["Gateway:Discovery:RetryDelay"] = "00:00:00.100",
        ["Gateway:Discovery:MaxRetryDelay"] = "00:00:00.400",
    };

    public static Dictionary<string, object?> Provider(
        ConsulStandIn consul,
        string type = "Consul",
        int pollingInterval = 0,
        string? token = null,
        string? ns = null,
        string? configurationKey = null) => Provider(consul.Port, type, pollingInterval, token, ns, configurationKey);

    /// <summary>The provider for a real agent; its master token unless <paramref name="token"/> says otherwise.</summary>
    public static Dictionary<string, object?> Provider(
        ConsulAgent agent, string type = "Consul", int pollingInterval = 0, string? token = null, string? configurationKey = null) =>
        Provider(agent.HttpPort, type, pollingInterval, token ?? agent.MasterToken, ns: null, configurationKey);

    private static Dictionary<string, object?> Provider(int port, string type, int pollingInterval, string? token, string? ns, string? configurationKey) => new()
    {
        ["Scheme"] = "http",
        ["Host"] = "127.0.0.1",
        ["Port"] = port,
        ["Type"] = type,
        ["PollingInterval"] = pollingInterval,
        ["Token"] = token,
        ["Namespace"] = ns,
        ["ConfigurationKey"] = configurationKey,
    };

    public static Dictionary<string, object?> ServiceRoute(string upstream, string downstream, string service, string loadBalancer = "RoundRobin") => new()
    {
        ["UpstreamPathTemplate"] = upstream,
        ["DownstreamPathTemplate"] = downstream,
        ["DownstreamScheme"] = "http",
        ["ServiceName"] = service,
        ["LoadBalancerOptions"] = new { Type = loadBalancer },
    };

    public static string ServiceConfiguration(object provider, params object[] routes) =>
        JsonSerializer.Serialize(new { Routes = routes, GlobalConfiguration = new { ServiceDiscoveryProvider = provider } });

    /// <summary>A stub answering with its own name, so tests can see which instance served a call.</summary>
    public static Task<DownstreamStub> NamedStubAsync(string name) =>
        DownstreamStub.StartAsync(context => context.Response.WriteAsync(name));

    /// <summary>Who answered <paramref name="calls"/> GETs of <paramref name="path"/> (status code when not 200).</summary>
    public static Task<HashSet<string>> RespondersAsync(GatewayInstance gateway, string path, int calls = 4) =>
        RespondersAsync(gateway.Client, path, calls);

    /// <summary>Who answered <paramref name="calls"/> GETs of <paramref name="path"/> through <paramref name="client"/>.</summary>
    public static async Task<HashSet<string>> RespondersAsync(HttpClient client, string path, int calls = 4)
    {
        var responders = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < calls; i++)
        {
            using var response = await client.GetAsync(path);
            responders.Add(response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return responders;
    }
}
