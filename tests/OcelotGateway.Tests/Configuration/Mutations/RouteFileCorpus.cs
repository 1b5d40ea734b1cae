using System.Text.Json;
using System.Text.Json.Nodes;

namespace OcelotGateway.Tests.Configuration.Mutations;

/// <summary>One route file the mutations start from: a shipped file or an Ocelot-style sample of the tests.</summary>
internal sealed record CorpusFile(string Name, JsonObject Json)
{
    public override string ToString() => Name;
}

/// <summary>
/// The route files the repository ships (<c>ocelot/</c>, every environment) and the Ocelot-style samples of the tests, each
/// usable on its own as a complete document.
/// </summary>
internal static class RouteFileCorpus
{
    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly Lazy<IReadOnlyList<CorpusFile>> Files = new(Load);

    public static IReadOnlyList<CorpusFile> All => Files.Value;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// A copy of <paramref name="file"/> whose static routes all go to <paramref name="port"/> on 127.0.0.1 by plain HTTP, with
    /// nothing that needs another service (discovery, identity provider), so a gateway can serve it against one downstream.
    /// </summary>
    public static JsonObject Localized(CorpusFile file, int port)
    {
        var json = (JsonObject)file.Json.DeepClone();
        foreach (var section in new[] { "Routes", "ReRoutes" })
        {
            if (json[section] is not JsonArray routes)
            {
                continue;
            }

            foreach (var route in routes.OfType<JsonObject>())
            {
                route.Remove("ServiceName");
                route.Remove("AuthenticationOptions");
                route.Remove("RouteClaimsRequirement");
                route.Remove("DelegatingHandlers");
                route["DownstreamScheme"] = "http";
                route["DownstreamHostAndPorts"] = new JsonArray(new JsonObject { ["Host"] = "127.0.0.1", ["Port"] = port });
            }
        }

        if (json["GlobalConfiguration"] is JsonObject global)
        {
            global.Remove("ServiceDiscoveryProvider");
            global.Remove("AuthenticationOptions");
        }

        json.Remove("DynamicRoutes");
        json.Remove("SwaggerEndPoints");
        return json;
    }

    private static List<CorpusFile> Load()
    {
        var shipped = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "ocelot"), "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "schema" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        var samples = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "tests", "OcelotGateway.Tests", "Configuration", "SchemaSamples"), "*.json");
        return [.. shipped.Concat(samples)
            .Order(StringComparer.Ordinal)
            .Select(f => new CorpusFile(
                Path.GetRelativePath(RepositoryRoot, f),
                JsonNode.Parse(File.ReadAllText(f), NodeOptions, DocumentOptions)!.AsObject()))];
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OcelotGateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OcelotGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
