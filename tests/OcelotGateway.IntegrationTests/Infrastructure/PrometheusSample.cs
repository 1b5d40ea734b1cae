namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>One line of a Prometheus scrape: metric name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
