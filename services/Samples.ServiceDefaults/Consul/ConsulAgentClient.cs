using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Samples.ServiceDefaults.Consul;

/// <summary>The calls of Consul's agent API a service needs. Non-success answers throw <see cref="HttpRequestException"/> with the status.</summary>
internal sealed class ConsulAgentClient(HttpClient http, IOptions<ConsulRegistrationOptions> options)
{
    public async Task RegisterAsync(AgentServiceRegistration registration, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "v1/agent/service/register") { Content = JsonContent.Create(registration) };
        using var response = await SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>
    /// Removes the registration. Returns false when Consul says it did not know the id: recent Consul versions answer 404 then,
    /// older ones (1.8) answer 200 either way, so true only means "not there any more".
    /// </summary>
    public Task<bool> DeregisterAsync(string id, CancellationToken cancellationToken) =>
        SendUnlessNotFoundAsync(HttpMethod.Put, "v1/agent/service/deregister/" + Uri.EscapeDataString(id), cancellationToken);

    /// <summary><c>GET /v1/agent/service/{id}</c>: whether the agent still holds the registration (404: it lost or dropped it).</summary>
    public Task<bool> IsRegisteredAsync(string id, CancellationToken cancellationToken) =>
        SendUnlessNotFoundAsync(HttpMethod.Get, "v1/agent/service/" + Uri.EscapeDataString(id), cancellationToken);

    /// <summary><c>GET /v1/agent/services</c>: every instance the local agent holds.</summary>
    public async Task<IReadOnlyCollection<AgentService>> GetServicesAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/agent/services");
        using var response = await SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var services = await response.Content.ReadFromJsonAsync<Dictionary<string, AgentService>>(cancellationToken);
        return services?.Values ?? (IReadOnlyCollection<AgentService>)[];
    }

    /// <summary>False when Consul answers 404, true for any success; other answers throw.</summary>
    private async Task<bool> SendUnlessNotFoundAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Value.Token))
        {
            request.Headers.Add("X-Consul-Token", options.Value.Token);
        }

        return http.SendAsync(request, cancellationToken);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        // Consul explains refusals in a short plain-text body ("ACL not found", "Invalid check: ..."); keep a bounded piece of it.
        var reason = await response.Content.ReadAsStringAsync(cancellationToken);
        if (reason.Length > 200)
        {
            reason = reason[..200];
        }

        throw new HttpRequestException($"Consul answered {(int)response.StatusCode}: {reason.Trim()}", null, response.StatusCode);
    }
}
