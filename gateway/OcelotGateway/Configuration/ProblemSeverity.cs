namespace OcelotGateway.Configuration;

public enum ProblemSeverity
{
    Error,
    Warning,
}
