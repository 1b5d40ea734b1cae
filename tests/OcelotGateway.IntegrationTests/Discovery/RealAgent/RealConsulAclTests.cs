using System.Net;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Discovery.ConsulJson;

namespace OcelotGateway.IntegrationTests.Discovery.RealAgent;

/// <summary>
/// A real agent with ACLs on and <c>default_policy</c> deny: with the token, the sample registers and the gateway discovers it
/// and stores its configuration; without one, Consul hides the service (an empty answer, not an error), and an unknown token
/// is refused, which the gateway reports once as an outage while it keeps serving what it knows.
/// </summary>
public sealed class RealConsulAclTests
{
    private const string MasterToken = "7d1e2c9a-5b43-4f0e-9c61-2b8f3a4d5e6f";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [RealConsulFact]
    public async Task DenyByDefault_TokenRegistersDiscoversAndStores_NoTokenSeesNothing_UnknownTokenIsReported()
    {
        await using var agent = await ConsulAgent.StartAsync(MasterToken);
        using (var anonymous = new HttpClient { BaseAddress = new Uri(agent.Address) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PutAsync("/v1/kv/probe", new StringContent("x"))).StatusCode);
        }

        var (app, _) = await StockSample.StartAsync(agent.Address, "--Consul:Token=" + MasterToken, "--Consul:CheckInterval=00:00:01");
        await using var __ = app;
        await Eventually.HoldsAsync(async () => (await agent.PassingAsync("stock")).Count == 1, Deadline, "the sample registers with the token");

        var route = ServiceRoute("/stock/{everything}", "/api/stocks/{everything}", "stock");
        await using (var withToken = await GatewayInstance.StartAsync(ServiceConfiguration(Provider(agent), route), o => o.Settings["Gateway:ConfigurationSource"] = "Consul"))
        {
            Assert.Equal(HttpStatusCode.OK, (await withToken.Client.GetAsync("/stock/MSFT")).StatusCode);
            Assert.Contains("/stock/{everything}", await agent.GetKeyAsync("InternalConfiguration"), StringComparison.Ordinal);
        }

        await using (var withoutToken = await GatewayInstance.StartAsync(ServiceConfiguration(Provider(agent, token: string.Empty), route)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await withoutToken.Client.GetAsync("/stock/MSFT")).StatusCode);
        }

        var logs = new CapturingLoggerProvider();
        await using var unknownToken = await GatewayInstance.StartAsync(ServiceConfiguration(Provider(agent, token: "not-a-token"), route), o => o.Logs = logs);
        await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.EventId == 800), Deadline, "the refusal is reported");
        var warning = Assert.Single(logs.Entries, e => e.EventId == 800);
        Assert.Contains("403", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-token", warning.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await unknownToken.Client.GetAsync("/stock/MSFT")).StatusCode);
    }
}
