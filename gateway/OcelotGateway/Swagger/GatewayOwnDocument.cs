using System.Text.Json.Nodes;
using OcelotGateway.Administration;
using OcelotGateway.Administration.Console;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.Observability;

namespace OcelotGateway.Swagger;

/// <summary>
/// The OpenAPI 3.0 document of the gateway's own endpoints, SwaggerForOcelot's "gateway itself" document: health, metrics,
/// asynchronous reply polling and, when it is on, the administration API with its key.
/// </summary>
internal static class GatewayOwnDocument
{
    /// <summary>SwaggerForOcelot's key and version of this document.</summary>
    public const string Key = "gateway";

    public const string Label = "Gateway";

    public static string RelativeUrl => "docs/" + Key + "/" + Key;

    public static JsonObject Build(string serverUrl, AdministrationOptions administration, AsyncRequestReplyOptions replies)
    {
        var paths = new JsonObject
        {
            [GatewayHealth.LivePath] = Get("Health", "Liveness: the process answers.", "Healthy", "text/plain"),
            [GatewayHealth.ReadyPath] = Get("Health", "Readiness: a valid route configuration is loaded (503 until then).", "Healthy", "text/plain"),
            [GatewayHealth.MetricsPath] = Get("Metrics", "Prometheus metrics in the text exposition format.", "Metrics", "text/plain"),
            [replies.PollPath + "/{key}"] = Get(
                "Asynchronous replies",
                "Polls an accepted request: 202 while it runs, then the stored downstream response.",
                "The downstream response once it is ready",
                "application/json",
                Parameter("key", "The key from the 202 answer's Location header.")),
        };

        var document = new JsonObject
        {
            ["openapi"] = "3.0.4",
            ["info"] = new JsonObject { ["title"] = "API gateway", ["version"] = Key },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = serverUrl }),
            ["paths"] = paths,
        };

        if (administration.IsEnabled)
        {
            var clear = new JsonObject
            {
                ["tags"] = new JsonArray("Administration"),
                ["summary"] = "Clears a response-cache region (every instance, when the cache is in Redis).",
                ["parameters"] = new JsonArray(Parameter("region", "The route's CacheOptions.Region.")),
                ["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }),
                ["responses"] = new JsonObject
                {
                    ["204"] = new JsonObject { ["description"] = "Cleared" },
                    ["401"] = new JsonObject { ["description"] = "Missing or wrong API key" },
                },
            };
            paths[administration.Path + "/outputcache/{region}"] = new JsonObject { ["delete"] = clear };
            ConsoleOpenApi.AddPaths(paths, administration.Path);
            document["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["apiKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-Api-Key" },
                },
            };
        }

        return document;
    }

    private static JsonObject Get(string tag, string summary, string description, string mediaType, JsonObject? parameter = null)
    {
        var operation = new JsonObject
        {
            ["tags"] = new JsonArray(tag),
            ["summary"] = summary,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = description,
                    ["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } },
                },
            },
        };
        if (parameter is not null)
        {
            operation["parameters"] = new JsonArray(parameter);
        }

        return new JsonObject { ["get"] = operation };
    }

    private static JsonObject Parameter(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["required"] = true,
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = "string" },
    };
}
