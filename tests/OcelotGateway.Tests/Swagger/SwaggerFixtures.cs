using System.Collections.Frozen;
using System.Text.Json.Nodes;
using OcelotGateway.Swagger;

namespace OcelotGateway.Tests.Swagger;

/// <summary>Realistic downstream documents (Swagger/Fixtures) and routes built the way the catalog builds them.</summary>
internal static class SwaggerFixtures
{
    public const string Gateway = "http://gateway.example:8443";

    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Swagger", "Fixtures", name)))!.AsObject();

    public static SwaggerRoute Route(
        string upstream,
        string downstream,
        string[]? methods = null,
        string? virtualDirectory = null,
        string? scheme = null,
        string[]? scopes = null) =>
        new(
            upstream,
            downstream,
            virtualDirectory,
            methods?.Select(m => m.ToUpperInvariant()).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            "http",
            scheme,
            scopes ?? []);

    public static string[] PathNames(JsonObject document) => [.. document["paths"]!.AsObject().Select(p => p.Key)];

    public static string[] Operations(JsonObject document, string path) =>
        [.. document["paths"]![path]!.AsObject().Select(p => p.Key).Where(k => k is not ("parameters" or "summary" or "description"))];

    public static string[] Names(JsonNode? section) => section is JsonObject obj ? [.. obj.Select(p => p.Key).Order(StringComparer.Ordinal)] : [];

    public static string[] TagNames(JsonObject document) =>
        [.. document["tags"]!.AsArray().Select(t => (string)t!["name"]!)];
}
