using System.Text.Json.Nodes;

namespace OcelotGateway.Configuration.Loading;

/// <summary>The merged JSON of a route folder, with the file and index every array item came from.</summary>
internal sealed class MergedRouteFiles
{
    private readonly Dictionary<string, List<ConfigurationOrigin>> _origins = new(StringComparer.OrdinalIgnoreCase);

    public MergedRouteFiles(JsonObject json, string? globalFile)
    {
        Json = json;
        GlobalFile = globalFile;
    }

    public JsonObject Json { get; }

    /// <summary>The file the <c>GlobalConfiguration</c> came from, or null when no file had one.</summary>
    public string? GlobalFile { get; set; }

    public IReadOnlyList<ConfigurationOrigin> Origins(string section) =>
        _origins.TryGetValue(section, out var origins) ? origins : [];

    public void AddOrigin(string section, ConfigurationOrigin origin)
    {
        if (!_origins.TryGetValue(section, out var origins))
        {
            origins = [];
            _origins[section] = origins;
        }

        origins.Add(origin);
    }

    /// <summary>The array under a section name written in any case, or null when absent or not an array.</summary>
    public JsonArray? Section(string section) => Json.TryGetPropertyValue(section, out var node) ? node as JsonArray : null;
}
