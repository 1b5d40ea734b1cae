using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Loading;

/// <summary>
/// Which of a current and a pre-v16 list is in force: the current one unless it is empty and the legacy one is not,
/// the same choice the compiler makes.
/// </summary>
internal static class EffectiveSections
{
    public static (List<FileRoute> Routes, string Section) Routes(FileConfiguration configuration) =>
        configuration.Routes.Count == 0 && configuration.ReRoutes.Count > 0
            ? (configuration.ReRoutes, TopLevelSections.ReRoutes)
            : (configuration.Routes, TopLevelSections.Routes);

    public static (List<FileDynamicRoute> Routes, string Section) DynamicRoutes(FileConfiguration configuration) =>
        configuration.DynamicRoutes.Count == 0 && configuration.DynamicReRoutes.Count > 0
            ? (configuration.DynamicReRoutes, TopLevelSections.DynamicReRoutes)
            : (configuration.DynamicRoutes, TopLevelSections.DynamicRoutes);
}
