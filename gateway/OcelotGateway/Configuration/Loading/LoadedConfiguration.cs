using System.Text.Json.Nodes;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// The result of load → merge → bind: the bound configuration, the merged JSON it was bound from,
/// where every route and aggregate came from, and every problem found while reading the files.
/// </summary>
public sealed record LoadedConfiguration(
    FileConfiguration Configuration,
    JsonObject MergedJson,
    string SourceDescription,
    IReadOnlyList<string> Files,
    IReadOnlyList<ConfigurationOrigin> RouteOrigins,
    IReadOnlyList<ConfigurationOrigin> AggregateOrigins,
    IReadOnlyList<ConfigurationProblem> Problems);
