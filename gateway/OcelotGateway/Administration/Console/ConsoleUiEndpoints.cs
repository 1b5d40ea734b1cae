using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using OcelotGateway.Errors;

namespace OcelotGateway.Administration.Console;

/// <summary>
/// Serves the console's static page at <c>{path}/ui/</c>. A browser cannot attach a header to a page it navigates to, so the
/// page itself carries no data and no secret and is served without credentials; its script asks for the API key or token and
/// sends it as a header to the administration API, which refuses everything else. A strict Content-Security-Policy allows only
/// this page's own script, style and API calls.
/// </summary>
internal static class ConsoleUiEndpoints
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void MapConsoleUi(this IEndpointRouteBuilder app, string administrationPath)
    {
        var assets = ConsoleAssets.Load();
        var ui = app.MapGroup(administrationPath + "/ui");
        ui.ExcludeFromDescription();

        // No credentials here (see above); the gateway's own OpenAPI document says so from this metadata.
        ui.AllowAnonymous();

        // Before every proxied route, as the rest of the administration path.
        ((IEndpointConventionBuilder)ui).Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MinValue);
        ui.MapGet("/", (HttpContext context) =>
        {
            // Relative links of the page resolve against ".../ui/", so the page is always served there.
            if (!context.Request.Path.Value!.EndsWith('/'))
            {
                return Results.Redirect(context.Request.PathBase + context.Request.Path + "/");
            }

            return Serve(context, assets.Assets[ConsoleAssets.IndexName]);
        })
            .WithSummary("The operator console's page (no data and no credentials in it; it signs in to the administration API).")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        ui.MapGet("/{asset}", async (HttpContext context, string asset) =>
        {
            if (!assets.Assets.TryGetValue(asset, out var found))
            {
                await ProblemResponse.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found", "The console has no such file.", context.RequestAborted);
                return Results.Empty;
            }

            return Serve(context, found);
        })
            .WithSummary("A file of the console's page: its script, style sheet or icon.")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status404NotFound);
    }

    private static IResult Serve(HttpContext context, ConsoleAsset asset)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
