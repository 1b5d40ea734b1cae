using System.Text.Json.Nodes;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Loading;

/// <summary>One parsed route file.</summary>
internal sealed record RouteSource(string Name, JsonObject Json);

/// <summary>
/// Combines parsed route files the way Ocelot's <c>AddOcelot(folder, env)</c> and the configuration layering after it do:
/// fragments appended in order, <c>ocelot.global.json</c> owning <c>GlobalConfiguration</c>, then the environment file laid
/// over the result.
/// </summary>
internal static class RouteFileMerger
{
    /// <summary>
    /// Ocelot's fragment merge: start from empty sections, let <c>ocelot.global.json</c> replace <c>GlobalConfiguration</c> whole,
    /// and append the items of every array section of every fragment, unknown properties included.
    /// </summary>
    public static MergedRouteFiles MergeFragments(IReadOnlyList<RouteSource> fragments, ICollection<ConfigurationProblem> problems)
    {
        var json = new JsonObject(JsonSourceReader.NodeOptions)
        {
            [TopLevelSections.Routes] = new JsonArray(),
            [TopLevelSections.DynamicRoutes] = new JsonArray(),
            [TopLevelSections.Aggregates] = new JsonArray(),
            [TopLevelSections.GlobalConfiguration] = new JsonObject(JsonSourceReader.NodeOptions),
        };
        var merged = new MergedRouteFiles(json, globalFile: null);
        foreach (var fragment in fragments)
        {
            ReportTopLevelKeys(fragment, problems);
            foreach (var (name, value) in fragment.Json)
            {
                var section = TopLevelSections.Canonical(name);
                if (section == TopLevelSections.GlobalConfiguration)
                {
                    TakeGlobalConfiguration(merged, fragment, value, problems);
                }
                else if (section is not null)
                {
                    AppendItems(merged, section, fragment, value, problems);
                }
            }
        }

        return merged;
    }

    /// <summary>A single file (<c>ocelot.json</c>, or a document from Consul or the administration API) used as it is.</summary>
    public static MergedRouteFiles FromSingle(RouteSource source, ICollection<ConfigurationProblem> problems)
    {
        ReportTopLevelKeys(source, problems);
        var json = (JsonObject)source.Json.DeepClone();
        var merged = new MergedRouteFiles(json, source.Name);
        RecordNewOrigins(merged, source, problems);
        return merged;
    }

    /// <summary>Lays <c>ocelot.{env}.json</c> over the merge; items it adds beyond the end of an array are its own.</summary>
    public static void ApplyEnvironment(MergedRouteFiles merged, RouteSource environment, ICollection<ConfigurationProblem> problems)
    {
        ReportTopLevelKeys(environment, problems);
        if (merged.GlobalFile is null && environment.Json.ContainsKey(TopLevelSections.GlobalConfiguration))
        {
            merged.GlobalFile = environment.Name;
        }

        JsonOverlay.Apply(merged.Json, environment.Json);
        RecordNewOrigins(merged, environment, problems);
    }

    private static void TakeGlobalConfiguration(MergedRouteFiles merged, RouteSource fragment, JsonNode? value, ICollection<ConfigurationProblem> problems)
    {
        if (!RouteFolderLayout.IsGlobalFile(fragment.Name))
        {
            problems.Add(new ConfigurationProblem(
                ProblemSeverity.Warning,
                fragment.Name,
                null,
                TopLevelSections.GlobalConfiguration,
                "ignored: in a folder merge only " + RouteFolderLayout.GlobalFileName + " may carry GlobalConfiguration"));
            return;
        }

        merged.Json[TopLevelSections.GlobalConfiguration] = value?.DeepClone() ?? new JsonObject(JsonSourceReader.NodeOptions);
        merged.GlobalFile = fragment.Name;
    }

    private static void AppendItems(MergedRouteFiles merged, string section, RouteSource fragment, JsonNode? value, ICollection<ConfigurationProblem> problems)
    {
        if (value is not JsonArray items)
        {
            if (value is not null)
            {
                problems.Add(new ConfigurationProblem(ProblemSeverity.Warning, fragment.Name, null, section, "ignored: expected an array ([ ... ])"));
            }

            return;
        }

        if (merged.Section(section) is not { } target)
        {
            target = [];
            merged.Json[section] = target;
        }

        for (var i = 0; i < items.Count; i++)
        {
            target.Add(items[i]?.DeepClone());
            merged.AddOrigin(section, new ConfigurationOrigin(fragment.Name, i));
        }
    }

    /// <summary>Gives the items at the end of each array section that have no origin yet to <paramref name="source"/>.</summary>
    private static void RecordNewOrigins(MergedRouteFiles merged, RouteSource source, ICollection<ConfigurationProblem> problems)
    {
        foreach (var section in TopLevelSections.ItemSections)
        {
            if (source.Json.TryGetPropertyValue(section, out var own) && own is not null and not JsonArray)
            {
                problems.Add(new ConfigurationProblem(ProblemSeverity.Warning, source.Name, null, section, "ignored: expected an array ([ ... ])"));
            }

            if (merged.Section(section) is not { } items)
            {
                continue;
            }

            for (var i = merged.Origins(section).Count; i < items.Count; i++)
            {
                merged.AddOrigin(section, new ConfigurationOrigin(source.Name, i));
            }
        }
    }

    private static void ReportTopLevelKeys(RouteSource source, ICollection<ConfigurationProblem> problems)
    {
        foreach (var (name, value) in source.Json)
        {
            var section = TopLevelSections.Canonical(name);
            if (section is null && KnownKeys.IsAcceptedExtra(typeof(FileConfiguration), name))
            {
                continue;
            }

            if (section is null)
            {
                var suggestion = KeySuggestions.Closest(name, [.. TopLevelSections.ItemSections, TopLevelSections.GlobalConfiguration]);
                problems.Add(new ConfigurationProblem(
                    ProblemSeverity.Warning,
                    source.Name,
                    null,
                    name,
                    suggestion is null ? "unknown top-level key; ignored" : "unknown top-level key; ignored (did you mean " + suggestion + "?)"));
            }
            else if (TopLevelSections.CurrentNameOf(section) is { } current && value is JsonArray { Count: > 0 })
            {
                problems.Add(new ConfigurationProblem(
                    ProblemSeverity.Warning,
                    source.Name,
                    null,
                    name,
                    "legacy key (Ocelot 15 and older); read here when " + current + " is empty, but Ocelot 16+ ignores it: rename it to " + current));
            }
        }
    }
}
