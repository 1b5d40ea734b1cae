namespace OcelotGateway.Tests.Configuration.Mutations;

/// <summary>
/// The long seeded property runs. They run on their own, after the other tests, so the load they put on the machine never
/// competes with tests that measure time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PropertyRuns
{
    public const string Name = "Property runs";
}
