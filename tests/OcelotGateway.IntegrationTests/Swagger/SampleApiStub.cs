using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OcelotGateway.IntegrationTests.Infrastructure;

namespace OcelotGateway.IntegrationTests.Swagger;

/// <summary>
/// A downstream stub shaped like the sample services: it serves its OpenAPI document at <c>/openapi/v1.json</c> (the shape
/// Microsoft.AspNetCore.OpenApi writes, servers pointing at the service itself) and answers the operations it documents:
/// <c>GET /api/{resource}</c> and <c>GET /api/{resource}/{id}</c>.
/// </summary>
public static class SampleApiStub
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <param name="resource">The collection, e.g. <c>stocks</c>.</param>
    /// <param name="idName">The item parameter as the service names it, e.g. <c>symbol</c>.</param>
    public static async Task<DownstreamStub> StartAsync(string title, string resource, string idName)
    {
        // The handler reads the stub's address, known once it listens; no request arrives before that.
        DownstreamStub? stub = null;
        stub = await DownstreamStub.StartAsync(context => HandleAsync(context, stub!, title, resource, idName));
        return stub;
    }

    private static Task HandleAsync(HttpContext context, DownstreamStub stub, string title, string resource, string idName)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path == DocumentPath)
        {
            context.Response.ContentType = "application/json;charset=utf-8";
            return context.Response.WriteAsync(Document(stub.Address, title, resource, idName).ToJsonString());
        }

        var collection = "/api/" + resource;
        if (path == collection)
        {
            return context.Response.WriteAsJsonAsync(new[] { new { id = "A1", service = title }, new { id = "B2", service = title } });
        }

        if (path.StartsWith(collection + "/", StringComparison.Ordinal))
        {
            return context.Response.WriteAsJsonAsync(new { id = path[(collection.Length + 1)..], service = title });
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public static JsonObject Document(string serverUrl, string title, string resource, string idName) => new()
    {
        ["openapi"] = "3.0.4",
        ["info"] = new JsonObject { ["title"] = title + " | v1", ["version"] = "1.0.0" },
        ["servers"] = new JsonArray(new JsonObject { ["url"] = serverUrl + "/" }),
        ["paths"] = new JsonObject
        {
            ["/api/" + resource] = new JsonObject
            {
                ["get"] = Operation(title, "List" + title, [], "ItemList"),
            },
            ["/api/" + resource + "/{" + idName + "}"] = new JsonObject
            {
                ["get"] = Operation(title, "Get" + title, [PathParameter(idName)], "Item"),
                ["delete"] = Operation(title, "Delete" + title, [PathParameter(idName)], null),
            },
            ["/internal/reindex"] = new JsonObject
            {
                ["post"] = Operation("Maintenance", "Reindex", [], "ReindexResult"),
            },
        },
        ["components"] = new JsonObject
        {
            ["schemas"] = new JsonObject
            {
                ["Item"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["id"] = new JsonObject { ["type"] = "string" },
                        ["service"] = new JsonObject { ["type"] = "string" },
                    },
                },
                ["ItemList"] = new JsonObject { ["type"] = "array", ["items"] = Ref("Item") },
                ["ReindexResult"] = new JsonObject { ["type"] = "object" },
            },
        },
        ["tags"] = new JsonArray(new JsonObject { ["name"] = title }, new JsonObject { ["name"] = "Maintenance" }),
    };

    private static JsonObject Operation(string tag, string operationId, JsonNode[] parameters, string? schema)
    {
        var responses = new JsonObject();
        responses[schema is null ? "204" : "200"] = schema is null
            ? new JsonObject { ["description"] = "No Content" }
            : new JsonObject
            {
                ["description"] = "OK, or the service's problem",
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject { ["schema"] = Ref(schema) },
                    ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } },
                },
            };
        var operation = new JsonObject { ["tags"] = new JsonArray(tag), ["operationId"] = operationId };
        if (parameters.Length > 0)
        {
            operation["parameters"] = new JsonArray(parameters);
        }

        operation["responses"] = responses;
        return operation;
    }

    private static JsonObject PathParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string" },
    };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = "#/components/schemas/" + schema };
}
