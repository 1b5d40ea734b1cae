using System.Text.Json.Nodes;

namespace OcelotGateway.Swagger.Rewriting;

/// <summary>The two document shapes: Swagger 2.0 (<c>basePath</c>, <c>definitions</c>) and OpenAPI 3.x (<c>servers</c>, <c>components</c>).</summary>
internal enum DocumentFormat
{
    Swagger2,
    OpenApi3,
}

internal static class DocumentFormats
{
    /// <summary>SwaggerForOcelot's test: a <c>swagger</c> key means 2.0, an <c>openapi</c> key 3.x; anything else is not a document.</summary>
    public static DocumentFormat? Detect(JsonObject document) =>
        document.ContainsKey("swagger") ? DocumentFormat.Swagger2
        : document.ContainsKey("openapi") ? DocumentFormat.OpenApi3
        : null;
}
