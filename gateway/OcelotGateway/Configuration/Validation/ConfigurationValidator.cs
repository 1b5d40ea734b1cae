using OcelotGateway.Configuration.Loading;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Checks a loaded configuration against Ocelot's validation rules and the traps Ocelot lets through (values it silently
/// replaces, names that can never resolve). Like YARP's ConfigValidator it runs every rule and returns every problem, so
/// one run shows everything to fix; it never throws for bad content.
/// </summary>
public sealed class ConfigurationValidator
{
    /// <summary>The rules over the whole configuration, in the order their problems are listed.</summary>
    private readonly Action<ValidationInput>[] _rules =
    [
        CheckEachRoute,
        CheckEachDynamicRoute,
        GlobalConfigurationRules.Check,
        ServiceDiscoveryRules.Check,
        DuplicateRouteRules.Check,
        RouteKeyRules.Check,
        AggregateRules.Check,
        SwaggerEndPointRules.Check,
    ];

    /// <summary>
    /// The loader's problems (<see cref="LoadedConfiguration.Problems"/>: syntax, binding, unknown keys) followed by those of
    /// every rule. The configuration may be used only when none is an error.
    /// </summary>
    public IReadOnlyList<ConfigurationProblem> Validate(LoadedConfiguration loaded, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<ConfigurationProblem>(loaded.Problems);
        var input = new ValidationInput(loaded, context, problems);
        foreach (var rule in _rules)
        {
            rule(input);
        }

        return problems;
    }

    private static void CheckEachRoute(ValidationInput input)
    {
        var aggregatePlaceholders = AggregateRules.PlaceholdersByRouteKey(input);
        for (var i = 0; i < input.Routes.Count; i++)
        {
            RouteRules.Check(input, i, aggregatePlaceholders);
        }
    }

    private static void CheckEachDynamicRoute(ValidationInput input)
    {
        for (var i = 0; i < input.DynamicRoutes.Count; i++)
        {
            DynamicRouteRules.Check(input, i);
        }
    }
}
