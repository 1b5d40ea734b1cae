using System.Text.Json.Nodes;

namespace OcelotGateway.Administration.Console;

/// <summary>The <c>explain</c> and console endpoints in the gateway's own OpenAPI document (SwaggerForOcelot's "gateway" document).</summary>
internal static class ConsoleOpenApi
{
    public static void AddPaths(JsonObject paths, string administrationPath)
    {
        paths[administrationPath + "/explain"] = new JsonObject
        {
            ["post"] = Operation(
                "Explains which route or aggregate would take a request, why the others would not, and the downstream request and policies.",
                "The explanation (whether or not a route matched)",
                new JsonObject
                {
                    ["required"] = true,
                    ["content"] = new JsonObject
                    {
                        ["application/json"] = new JsonObject
                        {
                            ["schema"] = new JsonObject
                            {
                                ["type"] = "object",
                                ["required"] = new JsonArray("method", "url"),
                                ["properties"] = new JsonObject
                                {
                                    ["method"] = Text("An HTTP method, e.g. GET."),
                                    ["url"] = Text("An absolute http(s) URL, or a path sent to this gateway."),
                                    ["headers"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
                                    ["clientAddress"] = Text("The client's IP address (default: the caller's)."),
                                },
                            },
                        },
                    },
                }),
        };
        paths[administrationPath + "/console/routes"] = new JsonObject { ["get"] = Operation("The compiled routes and aggregates with their files, lines and policies, and the configuration's warnings.", "Routes") };
        paths[administrationPath + "/console/status"] = new JsonObject { ["get"] = Operation("Reload history, circuit breakers, discovered services and stores.", "Live state") };
        paths[administrationPath + "/console/traffic"] = new JsonObject { ["get"] = Operation("Requests, error share and cache hit share per route over the last minute.", "Traffic") };
    }

    private static JsonObject Operation(string summary, string description, JsonObject? body = null)
    {
        var operation = new JsonObject
        {
            ["tags"] = new JsonArray("Administration"),
            ["summary"] = summary,
            ["security"] = new JsonArray(new JsonObject { ["apiKey"] = new JsonArray() }),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = description,
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } },
                },
                ["401"] = new JsonObject { ["description"] = "Missing or wrong API key" },
            },
        };
        if (body is not null)
        {
            operation["requestBody"] = body;
            ((JsonObject)operation["responses"]!)["400"] = new JsonObject { ["description"] = "Not a request that can be explained (problem+json)" };
        }

        return operation;
    }

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };
}
