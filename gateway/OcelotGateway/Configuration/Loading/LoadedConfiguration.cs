using System.Text.Json.Nodes;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// The result of load → merge → bind: the bound configuration, the merged JSON it was bound from,
/// where every route and aggregate came from, and every problem found while reading the files.
/// </summary>
/// <param name="RouteOrigins">
/// One per route of the effective route list: <see cref="FileConfiguration.Routes"/>, or the legacy
/// <see cref="FileConfiguration.ReRoutes"/> when <c>Routes</c> is empty.
/// </param>
public sealed record LoadedConfiguration(
    FileConfiguration Configuration,
    JsonObject MergedJson,
    string SourceDescription,
    IReadOnlyList<string> Files,
    IReadOnlyList<ConfigurationOrigin> RouteOrigins,
    IReadOnlyList<ConfigurationOrigin> AggregateOrigins,
    IReadOnlyList<ConfigurationProblem> Problems)
{
    /// <summary>One per dynamic route of the effective list (<c>DynamicRoutes</c>, else the legacy <c>DynamicReRoutes</c>).</summary>
    public IReadOnlyList<ConfigurationOrigin> DynamicRouteOrigins { get; init; } = [];

    /// <summary>One per <see cref="FileConfiguration.SwaggerEndPoints"/> entry.</summary>
    public IReadOnlyList<ConfigurationOrigin> SwaggerEndPointOrigins { get; init; } = [];

    /// <summary>The file the <c>GlobalConfiguration</c> came from, named in problems about it.</summary>
    public string GlobalConfigurationFile { get; init; } = RouteFolderLayout.BaseFileName;

    /// <summary>Where the items of each file start, by the file name origins use; a file missing here has no line information.</summary>
    public IReadOnlyDictionary<string, SourceLines> SourceLines { get; init; } = new Dictionary<string, SourceLines>();

    /// <summary>The line of the item an origin names in a section, or null when unknown.</summary>
    public int? LineOf(string section, ConfigurationOrigin origin) =>
        SourceLines.TryGetValue(origin.File, out var lines) ? lines.LineOf(section, origin.IndexInFile) : null;
}
