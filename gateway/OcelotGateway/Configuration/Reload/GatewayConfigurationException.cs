namespace OcelotGateway.Configuration.Reload;

/// <summary>Thrown at start-up when the route files are invalid; carries every problem so the host can print them.</summary>
public sealed class GatewayConfigurationException : Exception
{
    public GatewayConfigurationException(IReadOnlyList<ConfigurationProblem> problems, string message)
        : base(message)
    {
        Problems = problems;
    }

    public GatewayConfigurationException()
        : this([], "The gateway configuration is invalid.")
    {
    }

    public GatewayConfigurationException(string message)
        : this([], message)
    {
    }

    public GatewayConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public IReadOnlyList<ConfigurationProblem> Problems { get; } = [];
}
