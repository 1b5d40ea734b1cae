namespace OcelotGateway.Aggregation;

/// <summary>The name under which a custom aggregator was registered; validation accepts exactly these names.</summary>
internal sealed record AggregatorRegistration(string Name);
