using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OcelotGateway.Discovery;
using OcelotGateway.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static OcelotGateway.IntegrationTests.Discovery.ConsulJson;

namespace OcelotGateway.IntegrationTests.Discovery.RealAgent;

/// <summary>
/// The sample services against a real Consul agent: self-registration with the ready check, failover when an instance is
/// killed, and a crashed instance restarted on its address replacing its registration instead of adding one. Each test uses
/// service names of its own on the class's agent. Times are written to the test output (figures in docs/consul.md).
/// </summary>
public sealed class RealConsulRegistrationTests : IClassFixture<ConsulAgentFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly ConsulAgent _agent;
    private readonly ITestOutputHelper _output;

    public RealConsulRegistrationTests(ConsulAgentFixture fixture, ITestOutputHelper output)
    {
        _agent = fixture.Agent;
        _output = output;
    }

    [RealConsulFact]
    public async Task SelfRegistration_ReadyCheckPasses_GatewayRoutesByName_StopDeregisters()
    {
        var (app, port) = await StockSample.StartAsync(_agent.Address, "--Consul:ServiceName=stock-self", "--Consul:CheckInterval=00:00:01");
        await using var _ = app;

        var id = $"stock-self-127.0.0.1-{port}";
        await Eventually.HoldsAsync(async () => (await _agent.PassingAsync("stock-self")).SequenceEqual([id]), Deadline, "the sample is registered and passing");
        using (var checks = JsonDocument.Parse(await _agent.Client.GetStringAsync("/v1/agent/checks")))
        {
            var check = checks.RootElement.EnumerateObject().Single(c => c.Value.GetProperty("ServiceID").GetString() == id).Value;
            Assert.Equal("http", check.GetProperty("Type").GetString());
            Assert.Equal("passing", check.GetProperty("Status").GetString());
        }

        await using var gateway = await GatewayInstance.StartAsync(
            ServiceConfiguration(Provider(_agent), ServiceRoute("/stock/{everything}", "/api/stocks/{everything}", "stock-self")));
        using var response = await gateway.Client.GetAsync("/stock/MSFT");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Microsoft Corporation", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await app.StopAsync();
        Assert.Empty(await _agent.RegisteredAsync("stock-self"));
    }

    [RealConsulFact]
    public async Task CrashedInstance_RestartedOnItsAddress_ReplacesItsRegistration_StaleOldStyleIdRemoved()
    {
        var port = SampleProcess.FreePort();
        var id = $"stock-crash-127.0.0.1-{port}";

        // What an earlier version left behind: a random-suffixed ID at this very address, whose check passes again once the
        // address answers, so Consul would never reap it.
        using (var stale = await _agent.Client.PutAsJsonAsync("/v1/agent/service/register", new
        {
            ID = $"stock-crash-oldhost-{port}-0badf00d",
            Name = "stock-crash",
            Address = "127.0.0.1",
            Port = port,
            Check = new { HTTP = $"http://127.0.0.1:{port}/health/ready", Interval = "1s" },
        }))
        {
            stale.EnsureSuccessStatusCode();
        }

        string[] settings = ["--Consul:Address=" + _agent.Address, "--Consul:ServiceName=stock-crash", "--Consul:CheckInterval=00:00:01"];
        var first = await SampleProcess.StartAsync(port, settings);
        await Eventually.HoldsAsync(async () => (await _agent.RegisteredAsync("stock-crash")).SequenceEqual([id]), Deadline, "the stale registration is replaced");

        await first.DisposeAsync();
        await using var second = await SampleProcess.StartAsync(port, settings);

        await Eventually.HoldsAsync(async () => (await _agent.PassingAsync("stock-crash")).SequenceEqual([id]), Deadline, "the restarted instance passes");
        Assert.Equal([id], await _agent.RegisteredAsync("stock-crash"));
    }

    [RealConsulFact]
    public async Task InstanceKilled_GatewayFailsOverToTheSurvivor_AndStaysThere()
    {
        string[] settings = ["--Consul:Address=" + _agent.Address, "--Consul:ServiceName=stock-failover", "--Consul:CheckInterval=00:00:01", "--Consul:CheckTimeout=00:00:01"];
        await using var survivor = await SampleProcess.StartAsync(SampleProcess.FreePort(), settings);
        await using var victim = await SampleProcess.StartAsync(SampleProcess.FreePort(), settings);
        using var logs = new CapturingLoggerProvider();
        await using var gateway = await GatewayInstance.StartAsync(
            ServiceConfiguration(Provider(_agent), ServiceRoute("/stock/{everything}", "/api/stocks/{everything}", "stock-failover")),
            options => options.Logs = logs);
        var instances = gateway.Services.GetRequiredService<ServiceInstanceCache>();
        await Eventually.HoldsAsync(() => instances.Find("stock-failover")?.Count == 2, Deadline, "the gateway routes to both instances");

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        var (requests, failed, slowest) = (0, 0, TimeSpan.Zero);
        while (instances.Find("stock-failover") is not [{ } only] || only.Port != survivor.Port)
        {
            if (clock.Elapsed >= Deadline)
            {
                Assert.Fail(await FailoverReportAsync(instances, survivor.Port, victim.Port, requests, failed, slowest, logs));
            }

            var sent = clock.Elapsed;
            using var response = await gateway.Client.GetAsync("/stock/MSFT");
            (requests, failed) = (requests + 1, failed + (response.IsSuccessStatusCode ? 0 : 1));
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, (clock.Elapsed - sent).Ticks));
        }

        _output.WriteLine($"failover with a 1 s check: {clock.Elapsed.TotalSeconds:0.00} s, {failed} of {requests} back-to-back requests failed");
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/stock/MSFT")).StatusCode);
        }
    }

    /// <summary>
    /// What a failover that did not happen in time looked like (it failed once in a full suite and never alone): what the
    /// gateway held, what Consul reported, how the requests went, and what the gateway logged at Warning and above.
    /// </summary>
    private async Task<string> FailoverReportAsync(
        ServiceInstanceCache instances, int survivorPort, int victimPort, int requests, int failed, TimeSpan slowest, CapturingLoggerProvider logs)
    {
        var held = instances.Find("stock-failover") is { } list ? string.Join(", ", list.Select(i => i.Port)) : "nothing";
        var health = await _agent.ChecksAsync("stock-failover");
        var warnings = logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.EventId} {e.Message}").Take(20);
        return $"the gateway still routes to the killed instance after {Deadline.TotalSeconds:0} s: it holds port(s) {held} "
            + $"(survivor {survivorPort}, killed {victimPort}); {failed} of {requests} requests failed, the slowest took "
            + $"{slowest.TotalSeconds:0.00} s; Consul's checks by port: {health}; gateway warnings: "
            + string.Join(" | ", warnings);
    }
}
