using System.Net;
using System.Text.Json;
using OcelotGateway.Configuration;
using OcelotGateway.IntegrationTests.Infrastructure;
using Xunit.Abstractions;
using static OcelotGateway.IntegrationTests.Discovery.ConsulJson;

namespace OcelotGateway.IntegrationTests.Discovery.RealAgent;

/// <summary>
/// Configuration in a real Consul's KV shared by two gateways: the first seeds the key, both follow every write, and an
/// invalid value is rejected by both while the last good configuration keeps serving. Propagation times go to the test output.
/// </summary>
public sealed class RealConsulKeyValueTests : IClassFixture<ConsulAgentFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly ConsulAgent _agent;
    private readonly ITestOutputHelper _output;

    public RealConsulKeyValueTests(ConsulAgentFixture fixture, ITestOutputHelper output)
    {
        _agent = fixture.Agent;
        _output = output;
    }

    [RealConsulFact]
    public async Task TwoGateways_ShareOneKey_FollowEveryWrite_BothRejectAnInvalidValue()
    {
        const string Key = "gateways/shared";
        await using var stub = await DownstreamStub.StartAsync();
        await using var first = await StartAsync(Configuration(stub, "/v1", Key));
        await using var second = await StartAsync(Configuration(stub, "/ignored-the-key-exists", Key));
        Assert.Contains("/v1", await _agent.GetKeyAsync(Key), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await second.Client.GetAsync("/v1")).StatusCode);

        for (var version = 2; version <= 4; version++)
        {
            var path = "/v" + version;
            await _agent.PutKeyAsync(Key, Configuration(stub, path, Key));
            var took = await Task.WhenAll(new[] { first, second }.Select(gateway =>
                Eventually.HoldsAsync(async () => (await gateway.Client.GetAsync(path)).StatusCode == HttpStatusCode.OK, Deadline, "every gateway serves " + path)));
            _output.WriteLine($"KV write of {path} served by the two gateways after {took[0].TotalMilliseconds:0} ms and {took[1].TotalMilliseconds:0} ms");
        }

        var rejections = new[] { first, second }.Select(gateway =>
        {
            var rejected = new TaskCompletionSource<IReadOnlyList<ConfigurationProblem>>(TaskCreationOptions.RunContinuationsAsynchronously);
            gateway.State.Rejected += problems => rejected.TrySetResult(problems);
            return rejected.Task;
        }).ToList();

        await _agent.PutKeyAsync(Key, Configuration(stub, "no-leading-slash", Key));

        foreach (var problems in await Task.WhenAll(rejections).WaitAsync(Deadline))
        {
            Assert.Contains(problems, p => p.IsError && p.ToString().Contains("UpstreamPathTemplate", StringComparison.Ordinal));
        }

        foreach (var gateway in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/v4")).StatusCode);
        }
    }

    private static Task<GatewayInstance> StartAsync(string folderConfiguration) =>
        GatewayInstance.StartAsync(folderConfiguration, o =>
        {
            o.Settings["Gateway:ConfigurationSource"] = "Consul";
            foreach (var (key, value) in FastRetries)
            {
                o.Settings[key] = value;
            }
        });

    private string Configuration(DownstreamStub stub, string upstream, string key) => JsonSerializer.Serialize(new
    {
        Routes = new[] { OcelotJson.Route(stub, upstream, "/") },
        GlobalConfiguration = new { ServiceDiscoveryProvider = Provider(_agent, configurationKey: key) },
    });
}
