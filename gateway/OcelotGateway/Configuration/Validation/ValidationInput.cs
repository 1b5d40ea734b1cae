using OcelotGateway.Configuration.File;
using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// The configuration under validation with what every rule needs around it: the lists in force (current or legacy
/// names), where each item came from, and a <see cref="ProblemScope"/> per item.
/// </summary>
internal sealed class ValidationInput
{
    private readonly ICollection<ConfigurationProblem> _problems;

    public ValidationInput(LoadedConfiguration loaded, ValidationContext context, ICollection<ConfigurationProblem> problems)
    {
        Loaded = loaded;
        Context = context;
        _problems = problems;
        (Routes, RouteSection) = EffectiveSections.Routes(loaded.Configuration);
        (DynamicRoutes, DynamicSection) = EffectiveSections.DynamicRoutes(loaded.Configuration);
    }

    public LoadedConfiguration Loaded { get; }

    public ValidationContext Context { get; }

    public FileGlobalConfiguration Global => Loaded.Configuration.GlobalConfiguration;

    public IReadOnlyList<FileRoute> Routes { get; }

    /// <summary><c>Routes</c>, or <c>ReRoutes</c> when the legacy list is the one in force.</summary>
    public string RouteSection { get; }

    public IReadOnlyList<FileDynamicRoute> DynamicRoutes { get; }

    public string DynamicSection { get; }

    public IReadOnlyList<FileAggregateRoute> Aggregates => Loaded.Configuration.Aggregates;

    public IReadOnlyList<FileSwaggerEndPoint> SwaggerEndPoints => Loaded.Configuration.SwaggerEndPoints;

    public ConfigurationOrigin RouteOrigin(int index) => OriginAt(Loaded.RouteOrigins, index);

    public ConfigurationOrigin AggregateOrigin(int index) => OriginAt(Loaded.AggregateOrigins, index);

    public ProblemScope ForRoute(int index) =>
        Scope(RouteOrigin(index), RouteSection, Routes[index].UpstreamPathTemplate);

    public ProblemScope ForAggregate(int index) =>
        Scope(AggregateOrigin(index), TopLevelSections.Aggregates, Aggregates[index].UpstreamPathTemplate);

    public ProblemScope ForDynamicRoute(int index) =>
        Scope(OriginAt(Loaded.DynamicRouteOrigins, index), DynamicSection, DynamicRoutes[index].ServiceName);

    public ProblemScope ForSwaggerEndPoint(int index) =>
        Scope(OriginAt(Loaded.SwaggerEndPointOrigins, index), TopLevelSections.SwaggerEndPoints, SwaggerEndPoints[index].Key);

    public ProblemScope ForGlobal() => new(_problems, Loaded.GlobalConfigurationFile, ProblemLocations.GlobalConfiguration);

    /// <summary>Names route <paramref name="index"/> inside a message reported from <paramref name="currentFile"/>.</summary>
    public string DescribeRoute(int index, string currentFile) =>
        ProblemLocations.Reference(RouteSection, RouteOrigin(index), Routes[index].UpstreamPathTemplate, currentFile);

    public string DescribeAggregate(int index, string currentFile) =>
        ProblemLocations.Reference(TopLevelSections.Aggregates, AggregateOrigin(index), Aggregates[index].UpstreamPathTemplate, currentFile);

    private ProblemScope Scope(ConfigurationOrigin origin, string section, string? label) =>
        new(_problems, origin.File, ProblemLocations.Item(section, origin.IndexInFile, label));

    /// <summary>Origins are missing only for a configuration built in code; the position in the list is then the best name.</summary>
    private ConfigurationOrigin OriginAt(IReadOnlyList<ConfigurationOrigin> origins, int index) =>
        index < origins.Count ? origins[index] : new ConfigurationOrigin(Loaded.SourceDescription, index);
}
