using System.Text.Json;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>Builds route files from anonymous objects, so tests read like the JSON an operator writes.</summary>
public static class OcelotJson
{
    public static string Routes(params object[] routes) => JsonSerializer.Serialize(new { Routes = routes });

    public static string Document(object[] routes, object global) =>
        JsonSerializer.Serialize(new { Routes = routes, GlobalConfiguration = global });

    /// <summary>A route to one stub, with any extra keys merged in.</summary>
    public static Dictionary<string, object?> Route(DownstreamStub stub, string upstream, string downstream, object? extra = null)
    {
        var route = new Dictionary<string, object?>
        {
            ["UpstreamPathTemplate"] = upstream,
            ["DownstreamPathTemplate"] = downstream,
            ["DownstreamScheme"] = "http",
            ["DownstreamHostAndPorts"] = new[] { new { Host = "127.0.0.1", stub.Port } },
        };
        if (extra is not null)
        {
            foreach (var property in extra.GetType().GetProperties())
            {
                route[property.Name] = property.GetValue(extra);
            }
        }

        return route;
    }
}
