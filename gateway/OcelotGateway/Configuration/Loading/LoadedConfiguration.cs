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
}
