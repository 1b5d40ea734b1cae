namespace OcelotGateway.Configuration;

/// <summary>
/// One thing wrong with a route file set, located precisely enough for an operator to fix it without guessing:
/// the file, the route (index and upstream template) and the key.
/// </summary>
public sealed record ConfigurationProblem(ProblemSeverity Severity, string File, string? Location, string Key, string Message)
{
    public bool IsError => Severity == ProblemSeverity.Error;

    public override string ToString() =>
        Location is null
            ? $"{Severity.ToString().ToLowerInvariant()}: {File}: {Key}: {Message}"
            : $"{Severity.ToString().ToLowerInvariant()}: {File}: {Location}: {Key}: {Message}";
}
