using System.Text.RegularExpressions;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// Which files of a route folder take part, decided from their names alone, following Ocelot's <c>AddOcelot(folder, env)</c>.
/// </summary>
/// <param name="BaseFile"><c>ocelot.json</c> when present.</param>
/// <param name="Fragments">
/// Files named <c>ocelot.*.json</c>, without the environment files. They are sorted by name (ordinal, ignoring case) rather
/// than taken in file-system order as Ocelot does, so every machine merges routes in the same order and the route order,
/// which breaks ties between equal priorities, does not depend on the disk.
/// </param>
/// <param name="EnvironmentFile"><c>ocelot.{environment}.json</c> when present; it overlays the merged result.</param>
/// <param name="OtherEnvironmentFiles">
/// <c>ocelot.Development.json</c>, <c>ocelot.Staging.json</c> or <c>ocelot.Production.json</c> of an environment that is not
/// the current one. Ocelot would merge such a file as a fragment, adding another environment's routes; they are skipped.
/// </param>
internal sealed partial record RouteFolderLayout(
    string? BaseFile,
    IReadOnlyList<string> Fragments,
    string? EnvironmentFile,
    IReadOnlyList<string> OtherEnvironmentFiles)
{
    public const string BaseFileName = "ocelot.json";
    public const string GlobalFileName = "ocelot.global.json";

    /// <summary>Ocelot's environment name when the host has none.</summary>
    public const string DefaultEnvironment = "Development";

    private static readonly string[] StandardEnvironments = ["Development", "Staging", "Production"];

    public static RouteFolderLayout FromFileNames(IEnumerable<string> fileNames, string? environment)
    {
        var env = string.IsNullOrWhiteSpace(environment) ? DefaultEnvironment : environment.Trim();
        var environmentFile = EnvironmentFileName(env);
        string? baseFile = null;
        string? foundEnvironmentFile = null;
        var fragments = new List<string>();
        var others = new List<string>();
        foreach (var name in fileNames.Order(StringComparer.OrdinalIgnoreCase))
        {
            if (string.Equals(name, BaseFileName, StringComparison.OrdinalIgnoreCase))
            {
                baseFile ??= name;
            }
            else if (!FragmentPattern().IsMatch(name))
            {
                continue;
            }
            else if (string.Equals(name, environmentFile, StringComparison.OrdinalIgnoreCase))
            {
                foundEnvironmentFile ??= name;
            }
            else if (StandardEnvironments.Any(e => string.Equals(name, EnvironmentFileName(e), StringComparison.OrdinalIgnoreCase)))
            {
                others.Add(name);
            }
            else
            {
                fragments.Add(name);
            }
        }

        return new RouteFolderLayout(baseFile, fragments, foundEnvironmentFile, others);
    }

    public static string EnvironmentFileName(string environment) => "ocelot." + environment + ".json";

    public static bool IsGlobalFile(string fileName) => string.Equals(fileName, GlobalFileName, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^ocelot\.(.*?)\.json$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FragmentPattern();
}
