using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Loading;

/// <summary>A bound configuration and, per array section, the origin of each item kept.</summary>
internal sealed record BoundRouteFiles(FileConfiguration Configuration, IReadOnlyDictionary<string, List<ConfigurationOrigin>> Origins)
{
    public IReadOnlyList<ConfigurationOrigin> OriginsOf(string section) => Origins.TryGetValue(section, out var origins) ? origins : [];
}

/// <summary>
/// Binds merged route files with Microsoft.Extensions.Configuration, as Ocelot does, so names ignore case, "8080" is a
/// port and a single value given for a list binds as an empty list. Each route, aggregate, endpoint and the global
/// configuration is bound from its own configuration source: one bad value is then reported with its file, route and key
/// instead of failing (or silently dropping) the lot, and the binder's key lookups stay proportional to one route rather
/// than to the whole file, which makes a thousand routes take milliseconds instead of seconds.
/// </summary>
internal static partial class RouteConfigurationBinder
{
    public static BoundRouteFiles Bind(MergedRouteFiles merged, string fallbackFile, ICollection<ConfigurationProblem> problems)
    {
        var configuration = new FileConfiguration();
        var origins = new Dictionary<string, List<ConfigurationOrigin>>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in TopLevelSections.ItemSections)
        {
            if (merged.Section(section) is not { } items)
            {
                continue;
            }

            var sectionOrigins = merged.Origins(section);
            for (var i = 0; i < items.Count; i++)
            {
                var origin = i < sectionOrigins.Count ? sectionOrigins[i] : new ConfigurationOrigin(fallbackFile, i);
                var location = ProblemLocations.Item(section, origin.IndexInFile, Label(items[i], section));
                if (items[i] is JsonValue)
                {
                    // The binder drops such an item without a word; a route that silently vanishes is worth stopping for.
                    problems.Add(new ConfigurationProblem(
                        ProblemSeverity.Error, origin.File, location, ProblemLocations.WholeFile, "expected an object ({ ... }), found a single value"));
                    continue;
                }

                Add(configuration, section, items[i] as JsonObject, origin.File, location, problems);
                if (!origins.TryGetValue(section, out var kept))
                {
                    kept = [];
                    origins[section] = kept;
                }

                kept.Add(origin);
            }
        }

        var globalFile = merged.GlobalFile ?? fallbackFile;
        merged.Json.TryGetPropertyValue(TopLevelSections.GlobalConfiguration, out var global);
        if (global is JsonValue or JsonArray)
        {
            problems.Add(new ConfigurationProblem(
                ProblemSeverity.Warning, globalFile, null, TopLevelSections.GlobalConfiguration, "expected an object ({ ... }); ignored"));
        }
        else
        {
            configuration.GlobalConfiguration = BindOne<FileGlobalConfiguration>(global as JsonObject, globalFile, ProblemLocations.GlobalConfiguration, problems);
        }

        ReportIgnoredLegacySections(configuration, origins, problems);
        return new BoundRouteFiles(configuration, origins);
    }

    private static void Add(FileConfiguration configuration, string section, JsonObject? item, string file, string location, ICollection<ConfigurationProblem> problems)
    {
        switch (section)
        {
            case TopLevelSections.Routes:
                configuration.Routes.Add(BindOne<FileRoute>(item, file, location, problems));
                break;
            case TopLevelSections.ReRoutes:
                configuration.ReRoutes.Add(BindOne<FileRoute>(item, file, location, problems));
                break;
            case TopLevelSections.DynamicRoutes:
                configuration.DynamicRoutes.Add(BindOne<FileDynamicRoute>(item, file, location, problems));
                break;
            case TopLevelSections.DynamicReRoutes:
                configuration.DynamicReRoutes.Add(BindOne<FileDynamicRoute>(item, file, location, problems));
                break;
            case TopLevelSections.Aggregates:
                configuration.Aggregates.Add(BindOne<FileAggregateRoute>(item, file, location, problems));
                break;
            default:
                configuration.SwaggerEndPoints.Add(BindOne<FileSwaggerEndPoint>(item, file, location, problems));
                break;
        }
    }

    /// <summary>
    /// Binds with the configuration binding source generator's code for each model type (the library enables it): no reflection
    /// over the model, so the native build, which keeps no reflection metadata for the framework's collections, binds lists and
    /// dictionaries as the JIT build does.
    /// </summary>
    private static void BindModel<T>(IConfiguration root, T instance)
    {
        switch (instance)
        {
            case FileRoute route:
                root.Bind(route);
                break;
            case FileDynamicRoute dynamicRoute:
                root.Bind(dynamicRoute);
                break;
            case FileAggregateRoute aggregate:
                root.Bind(aggregate);
                break;
            case FileSwaggerEndPoint swaggerEndPoint:
                root.Bind(swaggerEndPoint);
                break;
            case FileGlobalConfiguration global:
                root.Bind(global);
                break;
            default:
                throw new UnreachableException("no binder for " + typeof(T).Name);
        }
    }

    /// <summary>Checks one object against its model, then binds it with every unconvertible value left out.</summary>
    private static T BindOne<T>(JsonObject? json, string file, string location, ICollection<ConfigurationProblem> problems)
        where T : new()
    {
        var instance = new T();
        if (json is null)
        {
            return instance;
        }

        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        try
        {
            var root = Build(bytes, [], []);
            var checker = new ConfigurationShapeChecker(root, problems);
            checker.Check(typeof(T), file, location);
            if (checker.UnconvertiblePaths.Count > 0 || checker.NullItemPaths.Count > 0)
            {
                // A later source with null for each bad value, so the binder skips them instead of throwing or dropping items,
                // and an empty text for each null item, so no list or dictionary holds a null.
                root = Build(bytes, checker.UnconvertiblePaths, checker.NullItemPaths);
            }

            BindModel(root, instance);
        }
        catch (FormatException ex)
        {
            // Keys that collide once ':' is read as a separator, as in "a:b" next to "a": { "b": ... }.
            problems.Add(new ConfigurationProblem(ProblemSeverity.Error, file, location, ProblemLocations.WholeFile, ex.Message));
        }
        catch (InvalidOperationException ex)
        {
            // The checker catches every unconvertible value it knows of; this keeps anything it missed specific.
            var key = ConfigPath().Match(ex.Message) is { Success: true } match ? match.Groups["path"].Value.Replace(':', '.') : ProblemLocations.WholeFile;
            problems.Add(new ConfigurationProblem(ProblemSeverity.Error, file, location, key, ex.InnerException?.Message ?? ex.Message));
        }

        return instance;
    }

    private static void ReportIgnoredLegacySections(
        FileConfiguration configuration, Dictionary<string, List<ConfigurationOrigin>> origins, ICollection<ConfigurationProblem> problems)
    {
        foreach (var (legacy, current, ignored) in new[]
                 {
                     (TopLevelSections.ReRoutes, TopLevelSections.Routes, configuration.Routes.Count > 0 && configuration.ReRoutes.Count > 0),
                     (TopLevelSections.DynamicReRoutes, TopLevelSections.DynamicRoutes, configuration.DynamicRoutes.Count > 0 && configuration.DynamicReRoutes.Count > 0),
                 })
        {
            if (!ignored)
            {
                continue;
            }

            foreach (var file in origins[legacy].Select(o => o.File).Distinct(StringComparer.Ordinal))
            {
                problems.Add(new ConfigurationProblem(
                    ProblemSeverity.Warning, file, null, legacy, "ignored because " + current + " is not empty; move these items into " + current));
            }
        }
    }

    private static IConfigurationRoot Build(byte[] json, IReadOnlyList<string> nulledPaths, IReadOnlyList<string> blankedPaths)
    {
        var builder = new ConfigurationBuilder().AddJsonStream(new MemoryStream(json, writable: false));
        if (nulledPaths.Count + blankedPaths.Count > 0)
        {
            builder.AddInMemoryCollection(
                nulledPaths.Select(p => new KeyValuePair<string, string?>(p, null))
                    .Concat(blankedPaths.Select(p => new KeyValuePair<string, string?>(p, ""))));
        }

        return builder.Build();
    }

    /// <summary>What names an item to a reader: its upstream template, service name or key.</summary>
    private static string? Label(JsonNode? item, string section)
    {
        var key = section switch
        {
            TopLevelSections.DynamicRoutes or TopLevelSections.DynamicReRoutes => nameof(FileDynamicRoute.ServiceName),
            TopLevelSections.SwaggerEndPoints => nameof(FileSwaggerEndPoint.Key),
            _ => nameof(FileRoute.UpstreamPathTemplate),
        };
        return item is JsonObject json && json.TryGetPropertyValue(key, out var value) && value is JsonValue text && text.TryGetValue<string>(out var label)
            ? label
            : null;
    }

    [GeneratedRegex("at '(?<path>[^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigPath();
}
