using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Discovery.ConsulJson;

namespace OcelotGateway.IntegrationTests.Discovery;

/// <summary>
/// The sample services register themselves in Consul (here the stand-in) once they listen, with an HTTP check on
/// <c>/health/ready</c>, and deregister when they stop; the gateway then finds them by name.
/// </summary>
public sealed class SampleServiceRegistrationTests
{
    private const string Token = "sample-acl-token";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task StartAsync_WithConsulAddress_RegistersWithReadyCheckAndToken_StopAsyncDeregisters()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        consul.RequiredToken = Token;
        var (app, port) = await StartStockAsync(consul, "--Consul:Token=" + Token, "--Consul:Tags:0=equities");

        await Eventually.HoldsAsync(() => consul.Registrations.Count == 1, Deadline, "the service registers");
        var registration = consul.Registrations.Single();
        Assert.Equal("stock", registration.Name);
        Assert.Equal($"stock-127.0.0.1-{port}", registration.ID);
        Assert.Equal("127.0.0.1", registration.Address);
        Assert.Equal(port, registration.Port);
        Assert.Equal(["equities"], registration.Tags);
        Assert.Equal($"http://127.0.0.1:{port}/health/ready", registration.Check?.HTTP);
        Assert.Equal("200ms", registration.Check?.Interval);
        Assert.Equal("60s", registration.Check?.DeregisterCriticalServiceAfter);
        Assert.All(consul.Calls, call => Assert.Equal(Token, call.Token));

        // The stand-in probes the check like an agent: the instance turns passing, so discovery (passing only) returns it.
        using var client = new HttpClient { BaseAddress = new Uri(consul.Address) };
        client.DefaultRequestHeaders.Add("X-Consul-Token", Token);
        await Eventually.HoldsAsync(async () => await PassingCountAsync(client) == 1, Deadline, "the ready check passes");

        await app.StopAsync();
        await app.DisposeAsync();

        Assert.Empty(consul.Registrations);
        Assert.Contains(consul.Calls, call => call.Method == "PUT" && call.Path == "/v1/agent/service/deregister/" + registration.ID);
    }

    [Fact]
    public async Task StartAsync_ConsulUnreachable_ServiceStillServes_AndRegistersOnceConsulAnswers()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        consul.TakeDown();
        var (app, port) = await StartStockAsync(consul, "--Consul:RetryDelay=00:00:00.100", "--Consul:MaxRetryDelay=00:00:00.200");
        await using var _ = app;
        using var service = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        await Eventually.HoldsAsync(() => consul.Calls.Count(c => c.Path == "/v1/agent/service/register") >= 3, Deadline, "registration is retried");
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync("/api/stocks/MSFT")).StatusCode);
        Assert.Empty(consul.Registrations);

        consul.BringUp();
        await Eventually.HoldsAsync(() => consul.Registrations.Count == 1, Deadline, "the service registers once Consul is back");
        Assert.Equal(port, consul.Registrations.Single().Port);
    }

    [Fact]
    public async Task ConsulLosesItsState_TheServiceRegistersAgain_AndRegistrationStartsPassing()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        var (app, port) = await StartStockAsync(
            consul, "--Consul:VerifyInterval=00:00:00.200", "--Consul:CheckInterval=00:01:00", "--Consul:RetryDelay=00:00:00.100", "--Consul:MaxRetryDelay=00:00:00.200");
        await using var _ = app;
        await Eventually.HoldsAsync(() => consul.Registrations.Count == 1, Deadline, "the service registers");

        consul.Restart(noLeaderFor: TimeSpan.FromMilliseconds(300));

        await Eventually.HoldsAsync(() => consul.Registrations.Count == 1, Deadline, "the service notices and registers again");
        var registration = consul.Registrations.Single();
        Assert.Equal($"stock-127.0.0.1-{port}", registration.ID);

        // The check interval is a minute: passing now means the registration carried the service's own readiness.
        Assert.Equal("passing", registration.Status);
        Assert.Contains(consul.Calls, c => c.Method == "GET" && c.Path == "/v1/agent/service/" + registration.ID);
    }

    [Fact]
    public async Task Start_StaleRegistrationOfTheSameServiceAtTheSameAddress_IsReplaced_OthersStay()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        var port = SampleProcess.FreePort();
        consul.AddInstance("stock", "stock-oldhost-" + port + "-0badf00d", "127.0.0.1", port);
        consul.AddInstance("stock", "stock-elsewhere", "127.0.0.1", port + 1);
        consul.AddInstance("esg", "esg-same-port", "127.0.0.1", port);

        var (app, _) = await StartStockAsync(consul, "--urls=http://127.0.0.1:" + port);
        await using var __ = app;

        await Eventually.HoldsAsync(
            () => consul.Registrations.Select(r => r.ID).Order(StringComparer.Ordinal).SequenceEqual(["esg-same-port", "stock-127.0.0.1-" + port, "stock-elsewhere"]),
            Deadline,
            "the stale same-address registration is replaced by the stable one");
    }

    [Fact]
    public async Task Gateway_RouteByServiceName_ReachesTheSelfRegisteredSample()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        var (app, _) = await StartStockAsync(consul);
        await using var __ = app;
        using var client = new HttpClient { BaseAddress = new Uri(consul.Address) };
        await Eventually.HoldsAsync(async () => await PassingCountAsync(client) == 1, Deadline, "the sample registers and passes its check");

        await using var gateway = await GatewayInstance.StartAsync(
            ServiceConfiguration(Provider(consul), ServiceRoute("/stock/{everything}", "/api/stocks/{everything}", "stock")));
        using var response = await gateway.Client.GetAsync("/stock/MSFT");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Microsoft Corporation", body.RootElement.GetProperty("name").GetString());
    }

    private static Task<(WebApplication App, int Port)> StartStockAsync(ConsulStandIn consul, params string[] settings) =>
        StockSample.StartAsync(consul.Address, settings);

    private static async Task<int> PassingCountAsync(HttpClient consul)
    {
        using var entries = JsonDocument.Parse(await consul.GetStringAsync("/v1/health/service/stock?passing"));
        return entries.RootElement.GetArrayLength();
    }
}
