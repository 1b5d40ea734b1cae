namespace OcelotGateway.Configuration.Loading;

/// <summary>The top-level keys of a route file; any other top-level key is ignored by Ocelot and reported here.</summary>
internal static class TopLevelSections
{
    public const string Routes = "Routes";
    public const string ReRoutes = "ReRoutes";
    public const string DynamicRoutes = "DynamicRoutes";
    public const string DynamicReRoutes = "DynamicReRoutes";
    public const string Aggregates = "Aggregates";
    public const string SwaggerEndPoints = "SwaggerEndPoints";
    public const string GlobalConfiguration = "GlobalConfiguration";

    /// <summary>The array sections, whose items a folder merge appends, in the order they are bound.</summary>
    public static readonly IReadOnlyList<string> ItemSections = [Routes, ReRoutes, DynamicRoutes, DynamicReRoutes, Aggregates, SwaggerEndPoints];

    /// <summary>Canonical spelling of a top-level key written in any case, or null when it is not one.</summary>
    public static string? Canonical(string name)
    {
        foreach (var section in ItemSections)
        {
            if (string.Equals(section, name, StringComparison.OrdinalIgnoreCase))
            {
                return section;
            }
        }

        return string.Equals(GlobalConfiguration, name, StringComparison.OrdinalIgnoreCase) ? GlobalConfiguration : null;
    }

    /// <summary>The current name of a pre-v16 section, or null.</summary>
    public static string? CurrentNameOf(string section) => section switch
    {
        ReRoutes => Routes,
        DynamicReRoutes => DynamicRoutes,
        _ => null,
    };
}
