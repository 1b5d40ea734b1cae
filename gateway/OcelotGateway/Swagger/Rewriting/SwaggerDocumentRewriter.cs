using System.Text.Json.Nodes;

namespace OcelotGateway.Swagger.Rewriting;

/// <summary>
/// Rewrites a downstream OpenAPI document into the one the gateway exposes (SwaggerForOcelot's transformation): paths and
/// methods as the routes expose them, a bearer lock on routes that need a token, unreferenced components dropped, and the
/// servers pointing at the gateway.
/// </summary>
/// <remarks>
/// Works on <see cref="System.Text.Json.Nodes"/> rather than Microsoft.OpenApi's object model on purpose: the rewrite only
/// moves and renames members, and a JSON tree keeps everything else byte-for-byte — the document's own version (2.0 stays
/// 2.0, 3.1 stays 3.1, where a model round-trip would convert or drop what it does not model), vendor extensions, and
/// 3.1's JSON Schema keywords. It also keeps the gateway off the Microsoft.OpenApi major version the services' own
/// Microsoft.AspNetCore.OpenApi pins.
/// </remarks>
internal static class SwaggerDocumentRewriter
{
    /// <exception cref="SwaggerDocumentException">The JSON is not a Swagger 2.0 or OpenAPI 3.x document.</exception>
    public static JsonObject Rewrite(JsonObject document, SwaggerRewriteSettings settings)
    {
        var format = DocumentFormats.Detect(document)
            ?? throw new SwaggerDocumentException("The downstream document has neither a 'swagger' nor an 'openapi' member.");

        var basePath = format == DocumentFormat.Swagger2
            ? (JsonPointers.StringValue(document["basePath"]) ?? string.Empty).TrimEnd('/')
            : settings.TakeServersFromDownstreamService ? string.Empty : FirstServerPath(document);

        var paths = new PathRewriter(document, format, settings.Routes);
        document["paths"] = paths.Rewrite(document["paths"] as JsonObject ?? [], basePath);
        AddSecuritySchemes(document, format, paths.SecuritySchemesUsed);
        if (settings.RemoveUnusedComponents)
        {
            ComponentPruner.Prune(document, format);
        }

        PointAtGateway(document, format, settings);
        return document;
    }

    /// <summary>The path of the first <c>servers[].url</c> without trailing '/', whether the URL is absolute or relative.</summary>
    internal static string FirstServerPath(JsonObject document)
    {
        if ((document["servers"] as JsonArray)?.FirstOrDefault() is not JsonObject server || JsonPointers.StringValue(server["url"]) is not { } url)
        {
            return string.Empty;
        }

        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            var pathStart = url.IndexOf('/', schemeEnd + 3);
            url = pathStart < 0 ? string.Empty : url[pathStart..];
        }

        var end = url.IndexOfAny(['?', '#']);
        return (end < 0 ? url : url[..end]).TrimEnd('/');
    }

    private static void PointAtGateway(JsonObject document, DocumentFormat format, SwaggerRewriteSettings settings)
    {
        if (format == DocumentFormat.OpenApi3)
        {
            if (!settings.TakeServersFromDownstreamService)
            {
                document["servers"] = new JsonArray(new JsonObject { ["url"] = settings.ServerUrl });
            }

            return;
        }

        var server = new Uri(settings.ServerUrl, UriKind.Absolute);
        document.Remove("schemes");
        document["host"] = server.Authority;
        document["basePath"] = server.AbsolutePath.Length > 1 ? server.AbsolutePath.TrimEnd('/') : "/";
    }

    /// <summary>Each scheme a kept operation requires is declared as an HTTP bearer scheme: every gateway scheme reads a JWT.</summary>
    private static void AddSecuritySchemes(JsonObject document, DocumentFormat format, IEnumerable<string> schemes)
    {
        JsonObject? definitions = null;
        foreach (var scheme in schemes)
        {
            if (definitions is null)
            {
                definitions = format == DocumentFormat.Swagger2 ? Section(document, "securityDefinitions") : Section(Section(document, "components"), "securitySchemes");
            }

            if (definitions.ContainsKey(scheme))
            {
                continue;
            }

            definitions[scheme] = format == DocumentFormat.Swagger2
                ? new JsonObject
                {
                    ["type"] = "apiKey",
                    ["name"] = "Authorization",
                    ["in"] = "header",
                    ["description"] = "Enter 'Bearer <token>'. The gateway checks it with its '" + scheme + "' scheme.",
                }
                : new JsonObject
                {
                    ["type"] = "http",
                    ["scheme"] = "bearer",
                    ["bearerFormat"] = "JWT",
                    ["description"] = "The gateway checks the token with its '" + scheme + "' scheme.",
                };
        }
    }

    private static JsonObject Section(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject section)
        {
            parent[name] = section = [];
        }

        return section;
    }
}
