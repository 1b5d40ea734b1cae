using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// The keys each object of the route-file model accepts: its property names, compared ignoring case as the configuration
/// binder does, plus keys read by Ocelot or SwaggerForOcelot that this gateway accepts without binding.
/// </summary>
internal static class KnownKeys
{
    /// <summary>The top-level key naming a file's JSON Schema, for editors only.</summary>
    public const string SchemaKey = "$schema";

    private static readonly ConcurrentDictionary<Type, Dictionary<string, PropertyInfo>> Properties = new();

    /// <summary>Valid keys that carry data for other tools; their content is not checked.</summary>
    private static readonly Dictionary<Type, string[]> AcceptedExtras = new()
    {
        // Ocelot: options for reading Metadata values, used only by extensions.
        [typeof(FileGlobalConfiguration)] = ["MetadataOptions"],

        // SwaggerForOcelot: parameter renames used when documenting aggregates.
        [typeof(FileRoute)] = ["ParametersMap"],

        // Editors: the JSON Schema a route file is written against (ocelot/schema/ocelot.schema.json).
        [typeof(FileConfiguration)] = [SchemaKey],
    };

    /// <summary>Names Ocelot 16 renamed; still bound here, but Ocelot 16+ ignores them.</summary>
    private static readonly Dictionary<Type, Dictionary<string, string>> LegacyNames = new()
    {
        [typeof(FileRoute)] = Legacy(("ReRouteIsCaseSensitive", "RouteIsCaseSensitive")),
        [typeof(FileAggregateRoute)] = Legacy(
            ("ReRouteIsCaseSensitive", "RouteIsCaseSensitive"),
            ("ReRouteKeys", "RouteKeys"),
            ("ReRouteKeysConfig", "RouteKeysConfig")),
        [typeof(FileAggregateRouteConfig)] = Legacy(("ReRouteKey", "RouteKey")),
    };

    public static bool TryGetProperty(Type model, string key, [NotNullWhen(true)] out PropertyInfo? property) =>
        PropertiesOf(model).TryGetValue(key, out property);

    public static IEnumerable<string> Names(Type model) => PropertiesOf(model).Values.Select(p => p.Name);

    public static bool IsAcceptedExtra(Type model, string key) =>
        AcceptedExtras.TryGetValue(model, out var extras) && extras.Contains(key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The keys <paramref name="model"/> accepts without binding them (<see cref="IsAcceptedExtra"/>).</summary>
    public static IReadOnlyList<string> ExtrasOf(Type model) => AcceptedExtras.TryGetValue(model, out var extras) ? extras : [];

    /// <summary>The current name when <paramref name="key"/> is a pre-v16 one, else null.</summary>
    public static string? CurrentNameOfLegacy(Type model, string key) =>
        LegacyNames.TryGetValue(model, out var names) && names.TryGetValue(key, out var current) ? current : null;

    private static Dictionary<string, PropertyInfo> PropertiesOf(Type model) =>
        Properties.GetOrAdd(
            model,
            static type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase));

    private static Dictionary<string, string> Legacy(params (string Legacy, string Current)[] pairs) =>
        pairs.ToDictionary(p => p.Legacy, p => p.Current, StringComparer.OrdinalIgnoreCase);
}
