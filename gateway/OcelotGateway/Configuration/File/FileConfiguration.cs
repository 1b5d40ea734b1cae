namespace OcelotGateway.Configuration.File;

/// <summary>The whole route-file configuration, in Ocelot's JSON shape (bound case-insensitively, as Ocelot does).</summary>
public sealed class FileConfiguration
{
    public List<FileRoute> Routes { get; set; } = [];

    /// <summary>Pre-v16 name of <see cref="Routes"/>; read when <see cref="Routes"/> is empty.</summary>
    public List<FileRoute> ReRoutes { get; set; } = [];

    public List<FileDynamicRoute> DynamicRoutes { get; set; } = [];

    public List<FileDynamicRoute> DynamicReRoutes { get; set; } = [];

    public List<FileAggregateRoute> Aggregates { get; set; } = [];

    public FileGlobalConfiguration GlobalConfiguration { get; set; } = new();

    /// <summary>SwaggerForOcelot's documents to aggregate into one Swagger UI.</summary>
    public List<FileSwaggerEndPoint> SwaggerEndPoints { get; set; } = [];
}
