namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>One real Consul agent shared by a test class whose tests use names of their own; none when the binary is missing (the tests are skipped then).</summary>
public sealed class ConsulAgentFixture : IAsyncLifetime
{
    private ConsulAgent? _agent;

    public ConsulAgent Agent => _agent ?? throw new InvalidOperationException(ConsulBinary.MissingReason);

    public async Task InitializeAsync()
    {
        if (ConsulBinary.Path is not null)
        {
            _agent = await ConsulAgent.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
    }
}
