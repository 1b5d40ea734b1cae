using System.Globalization;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.File;
using OcelotGateway.Discovery;

namespace OcelotGateway.Swagger;

/// <summary>
/// The Swagger documents of one compiled configuration generation: every <c>SwaggerEndPoints[].Config[]</c> entry with the
/// routes that expose it. Computed from the compiled configuration (never the other way round) and immutable.
/// </summary>
internal sealed class SwaggerCatalog
{
    /// <summary>SwaggerForOcelot's default <c>VersionPlaceholder</c>.</summary>
    public const string DefaultVersionPlaceholder = "{version}";

    private readonly Dictionary<(string Version, string Key), SwaggerDocumentSource> _byVersionAndKey;

    private SwaggerCatalog(long generation, IReadOnlyList<SwaggerDocumentSource> documents)
    {
        Generation = generation;
        Documents = documents;
        _byVersionAndKey = new Dictionary<(string, string), SwaggerDocumentSource>();
        foreach (var document in documents)
        {
            _byVersionAndKey.TryAdd((document.Version, document.Key), document);
        }
    }

    public static SwaggerCatalog Empty { get; } = new(-1, []);

    public long Generation { get; }

    /// <summary>In file order: endpoints as listed, each endpoint's documents as listed.</summary>
    public IReadOnlyList<SwaggerDocumentSource> Documents { get; }

    public SwaggerDocumentSource? Find(string version, string key) =>
        _byVersionAndKey.TryGetValue((version, key), out var document) ? document : null;

    public static SwaggerCatalog From(CompiledConfiguration configuration)
    {
        var file = configuration.Source.Configuration;
        if (file.SwaggerEndPoints.Count == 0)
        {
            return new SwaggerCatalog(configuration.Generation, []);
        }

        // Compiled routes keep the index of the file route they came from; dynamic routing (no file routes) has no SwaggerKey.
        var fileRoutes = file.Routes.Count > 0 ? file.Routes : file.ReRoutes;
        var routesByKey = new Dictionary<string, List<SwaggerRoute>>(StringComparer.Ordinal);
        if (!DynamicRoutePlanner.Applies(file))
        {
            foreach (var compiled in configuration.Routes)
            {
                if (compiled.Index < fileRoutes.Count && fileRoutes[compiled.Index] is { SwaggerKey: { Length: > 0 } key } route)
                {
                    if (!routesByKey.TryGetValue(key, out var list))
                    {
                        routesByKey[key] = list = [];
                    }

                    list.Add(ToSwaggerRoute(route, compiled));
                }
            }
        }

        var documents = new List<SwaggerDocumentSource>();
        foreach (var endPoint in file.SwaggerEndPoints)
        {
            if (string.IsNullOrWhiteSpace(endPoint.Key))
            {
                continue;
            }

            var routes = routesByKey.TryGetValue(endPoint.Key, out var found) ? found : [];
            var placeholder = string.IsNullOrEmpty(endPoint.VersionPlaceholder) ? DefaultVersionPlaceholder : endPoint.VersionPlaceholder;
            foreach (var config in endPoint.Config)
            {
                var version = string.IsNullOrWhiteSpace(config.Version) ? "v1" : config.Version.Trim();
                documents.Add(new SwaggerDocumentSource
                {
                    Key = endPoint.Key,
                    Name = string.IsNullOrWhiteSpace(config.Name) ? endPoint.Key : config.Name,
                    Version = version,
                    Url = string.IsNullOrWhiteSpace(config.Url) ? null : AbsoluteUrl(config.Url),
                    ServiceName = config.Service?.Name,
                    ServicePath = ServicePath(config.Service?.Path, version),
                    ServiceScheme = routes.Count > 0 ? routes[0].DownstreamScheme : null,
                    Transform = endPoint.TransformByOcelotConfig ?? true,
                    RemoveUnusedComponents = endPoint.RemoveUnusedComponentsFromScheme ?? true,
                    TakeServersFromDownstreamService = endPoint.TakeServersFromDownstreamService ?? false,
                    HostOverride = string.IsNullOrWhiteSpace(endPoint.HostOverride) ? null : endPoint.HostOverride.TrimEnd('/'),
                    Routes = [.. routes.Select(r => r.WithVersion(placeholder, version))],
                });
            }
        }

        return new SwaggerCatalog(configuration.Generation, documents);
    }

    private static SwaggerRoute ToSwaggerRoute(FileRoute route, CompiledRoute compiled) => new(
        compiled.UpstreamPath.Template,
        compiled.DownstreamPath.Template,
        string.IsNullOrWhiteSpace(route.VirtualDirectory) ? null : route.VirtualDirectory.TrimEnd('/'),
        compiled.UpstreamMethods,
        compiled.DownstreamScheme,
        compiled.Authentication is { Schemes.Count: > 0 } auth ? auth.Schemes[0] : null,
        compiled.Authentication is { } policy ? [.. policy.AllowedScopes.Order(StringComparer.Ordinal)] : []);

    // SwaggerForOcelot puts https:// in front of a URL written without a scheme.
    private static Uri? AbsoluteUrl(string url)
    {
        var text = url.Contains("://", StringComparison.Ordinal) ? url.Trim() : "https://" + url.Trim();
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }

    private static string ServicePath(string? path, string version)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return string.Create(CultureInfo.InvariantCulture, $"/swagger/{version}/swagger.json");
        }

        return path.StartsWith('/') ? path : "/" + path;
    }
}
