using Microsoft.Extensions.Options;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Bounds;

/// <summary>The bound settings are validated at start-up: a gateway never runs with a bound of zero or less.</summary>
public sealed class BoundSettingsTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public BoundSettingsTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
    }

    [Theory]
    [InlineData("Gateway:RateLimiting:MaxCounters", "0", "MaxCounters")]
    [InlineData("Gateway:LoadBalancing:MaxStickySessions", "-1", "MaxStickySessions")]
    [InlineData("Gateway:Caching:MaxInFlightKeys", "0", "MaxInFlightKeys")]
    public async Task StartUp_WithABoundOutOfRange_IsRefused_NamingTheSetting(string setting, string value, string named)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            GatewayInstance.StartAsync(Routes(Route(_stub, "/x", "/x")), o => o.Settings[setting] = value));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
