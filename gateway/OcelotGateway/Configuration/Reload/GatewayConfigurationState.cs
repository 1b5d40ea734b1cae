using OcelotGateway.Configuration.Compilation;

namespace OcelotGateway.Configuration.Reload;

/// <summary>The configuration generation currently serving traffic, and the outcome of the last attempt to replace it.</summary>
public sealed class GatewayConfigurationState
{
    private volatile CompiledConfiguration? _current;
    private volatile IReadOnlyList<ConfigurationProblem> _lastProblems = [];

    /// <summary>Null until a valid configuration has been loaded; the gateway is not ready before that.</summary>
    public CompiledConfiguration? Current => _current;

    /// <summary>Problems of the most recent load attempt, valid or not.</summary>
    public IReadOnlyList<ConfigurationProblem> LastProblems => _lastProblems;

    public DateTimeOffset? LastReloadFailedAt { get; private set; }

    /// <summary>Raised after a configuration was swapped in (metrics, tests, diagnostics).</summary>
    public event Action<CompiledConfiguration>? Applied;

    /// <summary>Raised after a configuration was rejected; the running one is unchanged.</summary>
    public event Action<IReadOnlyList<ConfigurationProblem>>? Rejected;

    internal void Accept(CompiledConfiguration configuration)
    {
        _lastProblems = configuration.Warnings;
        _current = configuration;
        Applied?.Invoke(configuration);
    }

    internal void Reject(IReadOnlyList<ConfigurationProblem> problems, DateTimeOffset at)
    {
        _lastProblems = problems;
        LastReloadFailedAt = at;
        Rejected?.Invoke(problems);
    }
}
