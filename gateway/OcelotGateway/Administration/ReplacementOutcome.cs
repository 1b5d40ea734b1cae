using OcelotGateway.Configuration;

namespace OcelotGateway.Administration;

/// <summary>What became of a configuration posted to the administration API, with every problem found.</summary>
internal sealed record ReplacementOutcome(ReplacementStatus Status, IReadOnlyList<ConfigurationProblem> Problems);
