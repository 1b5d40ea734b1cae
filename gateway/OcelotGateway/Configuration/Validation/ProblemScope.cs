namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Where problems found by a rule belong: the file, the route (or other item) and a key prefix, so a rule only names the
/// key it checks and every message comes out located the same way.
/// </summary>
internal sealed class ProblemScope
{
    private readonly ICollection<ConfigurationProblem> _sink;
    private readonly string _keyPrefix;

    public ProblemScope(ICollection<ConfigurationProblem> sink, string file, string? location, string keyPrefix = "")
    {
        _sink = sink;
        File = file;
        Location = location;
        _keyPrefix = keyPrefix;
    }

    public string File { get; }

    public string? Location { get; }

    /// <summary>A scope for the keys inside an option object, e.g. <c>LoadBalancerOptions</c>.</summary>
    public ProblemScope Nested(string key) => new(_sink, File, Location, KeyOf(key));

    public void Error(string key, string message) => _sink.Add(new ConfigurationProblem(ProblemSeverity.Error, File, Location, KeyOf(key), message));

    public void Warning(string key, string message) => _sink.Add(new ConfigurationProblem(ProblemSeverity.Warning, File, Location, KeyOf(key), message));

    private string KeyOf(string key) =>
        _keyPrefix.Length == 0 ? key
        : key.Length == 0 ? _keyPrefix
        : key[0] == '[' ? _keyPrefix + key
        : _keyPrefix + "." + key;
}
