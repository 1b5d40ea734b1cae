using System.Net;
using System.Text.Json;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Discovery.ConsulJson;

namespace OcelotGateway.IntegrationTests.Discovery.RealAgent;

/// <summary>
/// The gateway's discovery against a real Consul agent: blocking queries and <c>PollConsul</c> follow registrations and check
/// changes (a route's circuit breaker ignoring the gateway's own 503s while no instance passes), and dynamic routing leaves out <c>consul</c> (which a real catalog always lists) and whatever the settings exclude.
/// Instances are stubs registered with TTL checks the test sets; every test uses service names of its own.
/// </summary>
public sealed class RealConsulDiscoveryTests : IClassFixture<ConsulAgentFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly ConsulAgent _agent;

    public RealConsulDiscoveryTests(ConsulAgentFixture fixture)
    {
        _agent = fixture.Agent;
    }

    [RealConsulFact]
    public Task BlockingQueries_FollowRegistrationsAndChecks() => FollowsChangesAsync("bq", Provider(_agent));

    [RealConsulFact]
    public Task PollConsul_FollowsRegistrationsAndChecks() => FollowsChangesAsync("poll", Provider(_agent, type: "PollConsul", pollingInterval: 200));

    [RealConsulFact]
    public async Task DynamicRouting_ConsulItselfIsNotRouted_AllowAndExclusionSettingsApply()
    {
        await using var a = await NamedStubAsync("a");
        await _agent.RegisterWithTtlAsync("dyn-open", "dyn-open-1", a.Port);
        await _agent.RegisterWithTtlAsync("dyn-hidden", "dyn-hidden-1", a.Port);
        await _agent.RegisterWithTtlAsync("other", "other-1", a.Port);
        using (var catalog = JsonDocument.Parse(await _agent.Client.GetStringAsync("/v1/catalog/services")))
        {
            Assert.True(catalog.RootElement.TryGetProperty("consul", out _), "a real catalog lists consul itself");
        }

        var configuration = JsonSerializer.Serialize(new { Routes = Array.Empty<object>(), GlobalConfiguration = new { ServiceDiscoveryProvider = Provider(_agent) } });
        await using (var byDefault = await GatewayInstance.StartAsync(configuration))
        {
            await Eventually.HoldsAsync(async () => (await RespondersAsync(byDefault, "/dyn-open/x", calls: 1)).SetEquals(["a"]), Deadline, "dyn-open is routed");
            Assert.Equal(["a"], await RespondersAsync(byDefault, "/other/x", calls: 1));
            Assert.Equal(HttpStatusCode.NotFound, (await byDefault.Client.GetAsync("/consul/v1/status/leader")).StatusCode);
        }

        await using var filtered = await GatewayInstance.StartAsync(configuration, o =>
        {
            o.Settings["Gateway:Discovery:DynamicRoutingAllowed:0"] = "dyn-*";
            o.Settings["Gateway:Discovery:DynamicRoutingExcluded:0"] = "dyn-hidden";
        });
        await Eventually.HoldsAsync(async () => (await RespondersAsync(filtered, "/dyn-open/x", calls: 1)).SetEquals(["a"]), Deadline, "dyn-open is routed");
        Assert.Equal(HttpStatusCode.NotFound, (await filtered.Client.GetAsync("/dyn-hidden/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await filtered.Client.GetAsync("/other/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await filtered.Client.GetAsync("/consul/v1/status/leader")).StatusCode);
    }

    private async Task FollowsChangesAsync(string service, object provider)
    {
        await using var a = await NamedStubAsync("a");
        await using var b = await NamedStubAsync("b");
        await _agent.RegisterWithTtlAsync(service, service + "-a", a.Port);
        var route = ServiceRoute("/s/{everything}", "/{everything}", service);
        route["QoSOptions"] = new { MinimumThroughput = 2, BreakDuration = 60_000 };
        await using var gateway = await GatewayInstance.StartAsync(ServiceConfiguration(provider, route));
        Assert.Equal(["a"], await RespondersAsync(gateway, "/s/x"));

        await _agent.RegisterWithTtlAsync(service, service + "-b", b.Port);
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/s/x")).SetEquals(["a", "b"]), Deadline, "new instance b receives traffic");

        await _agent.SetTtlAsync(service + "-a", "warn");
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/s/x")).SetEquals(["b"]), Deadline, "instance a with a warning is left out");

        await _agent.SetTtlAsync(service + "-a", "pass");
        await _agent.DeregisterAsync(service + "-b");
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/s/x")).SetEquals(["a"]), Deadline, "a passes again, removed b is left out");

        await _agent.SetTtlAsync(service + "-a", "fail");
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/s/x")).SetEquals(["503"]), Deadline, "no passing instance: 503");

        // Those 503s were the gateway's own: the circuit stayed closed, so traffic resumes with the instance, not after a minute.
        await _agent.SetTtlAsync(service + "-a", "pass");
        await Eventually.HoldsAsync(async () => (await RespondersAsync(gateway, "/s/x")).SetEquals(["a"]), Deadline, "a serves again at once");
    }
}
