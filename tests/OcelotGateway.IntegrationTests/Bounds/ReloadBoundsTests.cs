using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Discovery;
using OcelotGateway.IntegrationTests.Discovery;
using OcelotGateway.IntegrationTests.Infrastructure;
using OcelotGateway.Resilience;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Bounds;

/// <summary>
/// State kept per route or per service follows the configuration: after many reloads that rename routes and switch services,
/// breakers, retry pipelines, metric series and discovered instances exist only for what the last configuration has.
/// </summary>
public sealed class ReloadBoundsTests : IClassFixture<StubFixture>
{
    private const int Reloads = 20;

    private readonly DownstreamStub _stub;

    public ReloadBoundsTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = context => context.Response.WriteAsync("ok");
    }

    [Fact]
    public async Task RenamedRoutes_LeaveNoBreakersRetriesOrMetricSeriesBehind()
    {
        await using var gateway = await GatewayInstance.StartAsync(Configuration(0));
        var manager = gateway.Services.GetRequiredService<GatewayConfigurationManager>();

        for (var i = 0; i < Reloads; i++)
        {
            await gateway.WriteFileAsync("ocelot.json", Configuration(i));
            Assert.Empty(await manager.ReloadAsync(CancellationToken.None));
            Assert.Equal("ok", await gateway.Client.GetStringAsync($"/route-{i}/x"));
        }

        var scrape = await gateway.ScrapeAsync();
        var routeLabels = scrape.Find("gateway_requests_total").Select(s => s.Labels["route"]).ToHashSet();

        Assert.Single(gateway.Services.GetRequiredService<CircuitBreakerRegistry>().Breakers);
        Assert.Equal(1, gateway.Services.GetRequiredService<RetryRegistry>().Count);
        Assert.Equal([$"/route-{Reloads - 1}/{{everything}}"], routeLabels);
        Assert.Single(scrape.Find("gateway_circuit_state"));
    }

    [Fact]
    public async Task SwitchedServices_LeaveOnlyTheServiceInUseInTheDiscoveryCache()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        for (var i = 0; i < Reloads; i++)
        {
            consul.AddInstance("svc-" + i, "svc-" + i + "-a", "127.0.0.1", _stub.Port);
        }

        await using var gateway = await GatewayInstance.StartAsync(ServiceConfiguration(consul, 0));
        var manager = gateway.Services.GetRequiredService<GatewayConfigurationManager>();
        var cache = gateway.Services.GetRequiredService<ServiceInstanceCache>();

        for (var i = 1; i < Reloads; i++)
        {
            await gateway.WriteFileAsync("ocelot.json", ServiceConfiguration(consul, i));
            Assert.Empty(await manager.ReloadAsync(CancellationToken.None));
            await Eventually.HoldsAsync(
                async () => (await gateway.Client.GetAsync("/svc/x")).IsSuccessStatusCode, TimeSpan.FromSeconds(5), "svc-" + i + " answers");
        }

        Assert.Equal(1, cache.Count);
        Assert.NotNull(cache.Find("svc-" + (Reloads - 1)));
    }

    private string Configuration(int generation) => Routes(Route(_stub, $"/route-{generation}/{{everything}}", "/{everything}", new
    {
        QoSOptions = new { ExceptionsAllowedBeforeBreaking = 5, DurationOfBreak = 1000 },
        RetryOptions = new { MaxRetries = 1 },
    }));

    private static string ServiceConfiguration(ConsulStandIn consul, int generation) =>
        ConsulJson.ServiceConfiguration(ConsulJson.Provider(consul), ConsulJson.ServiceRoute("/svc/{everything}", "/{everything}", "svc-" + generation));
}
