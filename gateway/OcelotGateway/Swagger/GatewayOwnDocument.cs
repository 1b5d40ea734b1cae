using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using OcelotGateway.Administration;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.Observability;

namespace OcelotGateway.Swagger;

/// <summary>
/// The OpenAPI 3.0 document of the gateway's own endpoints, SwaggerForOcelot's "gateway itself" document: health, metrics,
/// asynchronous reply polling and, when it is on, every endpoint of the administration API with how callers are admitted.
/// </summary>
internal static class GatewayOwnDocument
{
    /// <summary>SwaggerForOcelot's key and version of this document.</summary>
    public const string Key = "gateway";

    public const string Label = "Gateway";

    public static string RelativeUrl => "docs/" + Key + "/" + Key;

    public const string ApiKeyScheme = "apiKey";

    public const string BearerScheme = "bearer";

    public static JsonObject Build(
        string serverUrl, AdministrationOptions administration, AsyncRequestReplyOptions replies, EndpointDataSource endpoints)
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
                PathParameter("key", "The key from the 202 answer's Location header.")),
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
            foreach (var (path, item) in AdministrationOperations.Describe(endpoints, administration))
            {
                paths[path] = item;
            }

            var schemes = new JsonObject();
            if (!string.IsNullOrEmpty(administration.ApiKey))
            {
                schemes[ApiKeyScheme] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-Api-Key" };
            }

            if (!string.IsNullOrEmpty(administration.AuthenticationScheme))
            {
                schemes[BearerScheme] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" };
            }

            document["components"] = new JsonObject { ["securitySchemes"] = schemes };
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

    internal static JsonObject PathParameter(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["required"] = true,
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = "string" },
    };
}
