namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>One echo stub shared by a test class; tests clear its log before they start.</summary>
public sealed class StubFixture : IAsyncLifetime
{
    public DownstreamStub Stub { get; private set; } = null!;

    public async Task InitializeAsync() => Stub = await DownstreamStub.StartAsync();

    public async Task DisposeAsync() => await Stub.DisposeAsync();
}
