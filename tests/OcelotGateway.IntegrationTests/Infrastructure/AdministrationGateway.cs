using System.Text;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>Gateways with the administration API open to an API key and to test tokens, and calls to its configuration endpoint.</summary>
public static class AdministrationGateway
{
    public const string AdminKey = "admin-key-for-tests-0123456789";

    public static Action<HttpRequestMessage> KeyHeader => r => r.Headers.Add("X-Api-Key", AdminKey);

    public static Task<GatewayInstance> StartAsync(IReadOnlyDictionary<string, string> files, Action<GatewayOptionsBuilder>? more = null) =>
        GatewayInstance.StartWithFilesAsync(files, o =>
        {
            TestTokens.Trust(o);
            o.Settings["Gateway:Administration:ApiKey"] = AdminKey;
            o.Settings["Gateway:Administration:AuthenticationScheme"] = TestTokens.Scheme;
            more?.Invoke(o);
        });

    public static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, HttpMethod method, Action<HttpRequestMessage> credentials, string? body = null)
    {
        var request = new HttpRequestMessage(method, "/administration/configuration");
        credentials(request);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return gateway.Client.SendAsync(request);
    }

    /// <summary>The route files at the top of the gateway's folder (what a restart reads), by name.</summary>
    public static Dictionary<string, string> RouteFiles(GatewayInstance gateway) =>
        Directory.EnumerateFiles(gateway.Folder, "*.json").ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
}
