using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OcelotGateway.Swagger;

internal static class SwaggerEndpoints
{
    /// <summary>
    /// Serves Swashbuckle's Swagger UI at <see cref="SwaggerOptions.Path"/> with one dropdown entry per
    /// <c>SwaggerEndPoints[].Config[]</c> entry, and the rewritten documents under <see cref="SwaggerOptions.DocumentsPath"/>.
    /// Both come before every proxied route, so a catch-all route cannot hide them. Call before <c>UseRouting</c>.
    /// </summary>
    public static WebApplication UseGatewaySwagger(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SwaggerOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var urls = new SwaggerUrls(app.Services.GetRequiredService<SwaggerCatalogProvider>(), options.IncludeGatewayDocument);
        var prefix = new PathString(options.Path);
        // Swashbuckle's middleware matches two regular expressions and a static-file lookup against every request it sees;
        // only requests under the UI's path need it, so proxied traffic skips it.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase),
            branch => branch.UseSwaggerUI(ui =>
            {
                ui.RoutePrefix = options.Path.TrimStart('/');
                ui.DocumentTitle = "API gateway";
                ui.ConfigObject.Urls = urls;
                ui.ConfigObject.DisplayRequestDuration = true;
                ui.ConfigObject.PersistAuthorization = false;
            }));
        return app;
    }

    /// <summary>Maps <c>GET {DocumentsPath}/{version}/{key}</c>.</summary>
    public static WebApplication MapGatewaySwaggerDocuments(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SwaggerOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        app.MapGet(options.DocumentsPath + "/{version}/{key}", SwaggerDocumentEndpoint.HandleAsync)
            .ExcludeFromDescription()
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MinValue);
        return app;
    }
}
