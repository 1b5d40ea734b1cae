using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// Reads Ocelot route files into a <see cref="LoadedConfiguration"/>: a folder merged as Ocelot's
/// <c>AddOcelot(folder, env)</c> plus the environment file would, or one JSON document (Consul KV, administration API).
/// Never throws for bad content and never writes files: every problem found is returned, so all can be fixed in one go.
/// </summary>
[SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "An instance service, registered and injected by the host and replaceable in tests.")]
public sealed class RouteFileLoader
{
    /// <summary>
    /// Loads a route folder. With <c>ocelot.*.json</c> fragments, they are merged (sorted by file name, see
    /// <see cref="RouteFolderLayout"/>) and <c>ocelot.json</c> is ignored, since Ocelot's merge would overwrite it; without,
    /// <c>ocelot.json</c> is the configuration. <c>ocelot.{environment}.json</c> is then laid over the result key by key,
    /// arrays by index, as configuration layering does. Another standard environment's file is skipped, with a warning.
    /// </summary>
    /// <param name="folder">The route folder (not searched recursively).</param>
    /// <param name="environment">The host environment name; <c>Development</c> when empty, as in Ocelot.</param>
    public async Task<LoadedConfiguration> LoadFolderAsync(string folder, string environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var problems = new List<ConfigurationProblem>();
        var fullFolder = Path.GetFullPath(folder);
        var description = $"{fullFolder} ({(string.IsNullOrWhiteSpace(environment) ? RouteFolderLayout.DefaultEnvironment : environment)})";
        if (!Directory.Exists(fullFolder))
        {
            problems.Add(new ConfigurationProblem(ProblemSeverity.Error, fullFolder, null, ProblemLocations.WholeFolder, "the route folder does not exist"));
            return Empty(description, problems);
        }

        var layout = RouteFolderLayout.FromFileNames(Directory.EnumerateFiles(fullFolder).Select(f => Path.GetFileName(f)), environment);
        ReportSkippedFiles(layout, environment, problems);

        var files = new List<string>();
        var lines = new Dictionary<string, SourceLines>(StringComparer.Ordinal);
        var fragments = new List<RouteSource>();
        foreach (var name in layout.Fragments)
        {
            if (await ReadAsync(fullFolder, name, files, lines, problems, ct) is { } fragment)
            {
                fragments.Add(fragment);
            }
        }

        MergedRouteFiles merged;
        if (layout.Fragments.Count > 0)
        {
            merged = RouteFileMerger.MergeFragments(fragments, problems);
        }
        else if (layout.BaseFile is not null)
        {
            var baseSource = await ReadAsync(fullFolder, layout.BaseFile, files, lines, problems, ct);
            merged = baseSource is null
                ? RouteFileMerger.MergeFragments([], problems)
                : RouteFileMerger.FromSingle(baseSource, problems);
        }
        else
        {
            problems.Add(new ConfigurationProblem(
                ProblemSeverity.Error,
                fullFolder,
                null,
                ProblemLocations.WholeFolder,
                "no route files: expected " + RouteFolderLayout.BaseFileName + " or ocelot.*.json fragments"));
            merged = RouteFileMerger.MergeFragments([], problems);
        }

        if (layout.EnvironmentFile is not null && await ReadAsync(fullFolder, layout.EnvironmentFile, files, lines, problems, ct) is { } environmentSource)
        {
            RouteFileMerger.ApplyEnvironment(merged, environmentSource, problems);
        }

        return Complete(merged, description, files, layout.BaseFile ?? RouteFolderLayout.BaseFileName, problems) with { SourceLines = lines };
    }

    /// <summary>
    /// Loads one complete configuration document, bound and checked exactly as a folder's <c>ocelot.json</c> is.
    /// </summary>
    /// <param name="sourceName">Names the document in problems, e.g. <c>consul:InternalConfiguration</c>.</param>
    public LoadedConfiguration LoadJson(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        var problems = new List<ConfigurationProblem>();
        JsonObject? root = null;
        if (Encoding.UTF8.GetByteCount(json) > RouteFileLimits.MaxFileBytes)
        {
            ReportTooLarge(sourceName, problems);
        }
        else
        {
            root = JsonSourceReader.Read(json, sourceName, problems);
        }

        var merged = root is null
            ? RouteFileMerger.MergeFragments([], problems)
            : RouteFileMerger.FromSingle(new RouteSource(sourceName, root), problems);
        return Complete(merged, sourceName, [sourceName], sourceName, problems) with
        {
            SourceLines = new Dictionary<string, SourceLines>(StringComparer.Ordinal) { [sourceName] = SourceLines.Read(json) },
        };
    }

    private static LoadedConfiguration Complete(
        MergedRouteFiles merged, string description, IReadOnlyList<string> files, string fallbackFile, List<ConfigurationProblem> problems)
    {
        var bound = RouteConfigurationBinder.Bind(merged, fallbackFile, problems);
        var routeSection = EffectiveSections.Routes(bound.Configuration).Section;
        var dynamicSection = EffectiveSections.DynamicRoutes(bound.Configuration).Section;
        return new LoadedConfiguration(
            bound.Configuration,
            merged.Json,
            description,
            files,
            bound.OriginsOf(routeSection),
            bound.OriginsOf(TopLevelSections.Aggregates),
            problems)
        {
            DynamicRouteOrigins = bound.OriginsOf(dynamicSection),
            SwaggerEndPointOrigins = bound.OriginsOf(TopLevelSections.SwaggerEndPoints),
            GlobalConfigurationFile = merged.GlobalFile ?? fallbackFile,
        };
    }

    private static async Task<RouteSource?> ReadAsync(
        string folder, string name, List<string> files, Dictionary<string, SourceLines> lines, List<ConfigurationProblem> problems, CancellationToken ct)
    {
        var path = Path.Combine(folder, name);
        string text;
        try
        {
            if (new FileInfo(path).Length > RouteFileLimits.MaxFileBytes)
            {
                ReportTooLarge(name, problems);
                return null;
            }

            text = await System.IO.File.ReadAllTextAsync(path, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new ConfigurationProblem(ProblemSeverity.Error, name, null, ProblemLocations.WholeFile, "cannot be read: " + ex.Message));
            return null;
        }

        files.Add(path);
        lines[name] = SourceLines.Read(text);
        return JsonSourceReader.Read(text, name, problems) is { } json ? new RouteSource(name, json) : null;
    }

    private static void ReportTooLarge(string name, List<ConfigurationProblem> problems) =>
        problems.Add(new ConfigurationProblem(
            ProblemSeverity.Error,
            name,
            null,
            ProblemLocations.WholeFile,
            string.Create(CultureInfo.InvariantCulture, $"larger than {RouteFileLimits.MaxFileBytes / (1024 * 1024)} MiB; split the routes into ocelot.*.json fragments")));

    private static void ReportSkippedFiles(RouteFolderLayout layout, string environment, List<ConfigurationProblem> problems)
    {
        var current = string.IsNullOrWhiteSpace(environment) ? RouteFolderLayout.DefaultEnvironment : environment;
        foreach (var name in layout.OtherEnvironmentFiles)
        {
            problems.Add(new ConfigurationProblem(
                ProblemSeverity.Warning,
                name,
                null,
                ProblemLocations.WholeFile,
                $"skipped: it is another environment's file and the environment is {current} (Ocelot's folder merge would have merged its routes as a fragment)"));
        }

        if (layout.Fragments.Count > 0 && layout.BaseFile is not null)
        {
            problems.Add(new ConfigurationProblem(
                ProblemSeverity.Warning,
                layout.BaseFile,
                null,
                ProblemLocations.WholeFile,
                "ignored: ocelot.*.json fragments are present and Ocelot's merge would overwrite this file; delete it or move its content into fragments"));
        }
    }

    private static LoadedConfiguration Empty(string description, List<ConfigurationProblem> problems) =>
        new(new FileConfiguration(), [], description, [], [], [], problems);
}
