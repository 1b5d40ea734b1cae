using System.Globalization;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// The location text of problems, shared by loading and validation so an operator sees one route named one way:
/// <c>Routes[3] (/stock/{everything})</c>, where 3 is the index inside the file the route came from.
/// </summary>
internal static class ProblemLocations
{
    public const string GlobalConfiguration = "GlobalConfiguration";

    /// <summary>The key of a problem about a whole file rather than one of its keys.</summary>
    public const string WholeFile = "(file)";

    /// <summary>The key of a problem about the route folder itself.</summary>
    public const string WholeFolder = "(folder)";

    /// <param name="section">The array the item is in: <c>Routes</c>, <c>ReRoutes</c>, <c>Aggregates</c>, <c>DynamicRoutes</c>, <c>SwaggerEndPoints</c>.</param>
    /// <param name="label">What identifies the item to a reader: its upstream template, service name or key.</param>
    public static string Item(string section, int indexInFile, string? label) =>
        string.IsNullOrWhiteSpace(label)
            ? string.Create(CultureInfo.InvariantCulture, $"{section}[{indexInFile}]")
            : string.Create(CultureInfo.InvariantCulture, $"{section}[{indexInFile}] ({label})");

    /// <summary>Names another item in a message, with its file when that differs from the one the problem is reported in.</summary>
    public static string Reference(string section, ConfigurationOrigin origin, string? label, string currentFile) =>
        string.Equals(origin.File, currentFile, StringComparison.Ordinal)
            ? Item(section, origin.IndexInFile, label)
            : Item(section, origin.IndexInFile, label) + " in " + origin.File;
}
