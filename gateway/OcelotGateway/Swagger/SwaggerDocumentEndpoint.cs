using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OcelotGateway.Administration;
using OcelotGateway.Caching.AsyncReplies;
using OcelotGateway.Errors;
using OcelotGateway.Swagger.Rewriting;

namespace OcelotGateway.Swagger;

/// <summary>
/// <c>GET {Path}/docs/{version}/{key}</c>: the downstream document of one <c>SwaggerEndPoints</c> entry, rewritten for the
/// gateway, or a problem+json answer saying why it is not available (404 unknown entry, 502/503/504 downstream trouble).
/// </summary>
internal static class SwaggerDocumentEndpoint
{
    // Documents are served as application/json, never inlined in HTML, so media types like "application/problem+json" and
    // descriptions stay readable instead of becoming "\u002B" and "\u0027" escapes.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task HandleAsync(HttpContext context, string version, string key)
    {
        var services = context.RequestServices;
        var source = services.GetRequiredService<SwaggerCatalogProvider>().Current.Find(version, key);
        var cancellationToken = context.RequestAborted;
        if (source is null && version == GatewayOwnDocument.Key && key == GatewayOwnDocument.Key
            && services.GetRequiredService<IOptions<SwaggerOptions>>().Value.IncludeGatewayDocument)
        {
            await WriteJsonAsync(context, GatewayOwnDocument.Build(
                GatewayServer(context.Request),
                services.GetRequiredService<IOptions<AdministrationOptions>>().Value,
                services.GetRequiredService<IOptions<AsyncRequestReplyOptions>>().Value,
                services.GetRequiredService<EndpointDataSource>()));
            return;
        }

        if (source is null)
        {
            await ProblemResponse.WriteAsync(
                context, StatusCodes.Status404NotFound, "Not Found", $"No SwaggerEndPoints entry has Key '{key}' and a document with Version '{version}'.", cancellationToken);
            return;
        }

        var fetch = await services.GetRequiredService<SwaggerDocumentCache>().GetAsync(source, cancellationToken);
        if (!fetch.Succeeded)
        {
            await ProblemResponse.WriteAsync(context, fetch.Status, TitleFor(fetch.Status), fetch.Problem!, cancellationToken);
            return;
        }

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentType = "application/json; charset=utf-8";
        if (!source.Transform)
        {
            await context.Response.Body.WriteAsync(fetch.Body, cancellationToken);
            return;
        }

        JsonObject rewritten;
        try
        {
            var document = JsonNode.Parse(fetch.Body, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new SwaggerDocumentException("The downstream document is not a JSON object.");
            rewritten = SwaggerDocumentRewriter.Rewrite(document, new SwaggerRewriteSettings(
                source.Routes,
                source.HostOverride ?? GatewayServer(context.Request),
                source.RemoveUnusedComponents,
                source.TakeServersFromDownstreamService));
        }
        catch (Exception exception) when (exception is JsonException or SwaggerDocumentException)
        {
            var detail = exception is SwaggerDocumentException ? exception.Message : "The downstream document is not valid JSON (YAML documents are not supported).";
            await ProblemResponse.WriteAsync(context, StatusCodes.Status502BadGateway, TitleFor(StatusCodes.Status502BadGateway), $"'{source.Label}': {detail}", cancellationToken);
            return;
        }

        await JsonSerializer.SerializeAsync(context.Response.Body, rewritten, Indented, cancellationToken);
    }

    private static async Task WriteJsonAsync(HttpContext context, JsonObject document)
    {
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, document, Indented, context.RequestAborted);
    }

    /// <summary>The gateway as this caller reached it, so "Try it out" goes back through the gateway.</summary>
    private static string GatewayServer(HttpRequest request) => request.Scheme + "://" + request.Host.Value + request.PathBase.Value;

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status503ServiceUnavailable => "Service Unavailable",
        StatusCodes.Status504GatewayTimeout => "Gateway Timeout",
        _ => "Bad Gateway",
    };
}
