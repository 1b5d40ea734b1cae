using System.Net;
using System.Text.Json;
using OcelotGateway.Configuration;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Discovery.ConsulJson;

namespace OcelotGateway.IntegrationTests.Discovery;

/// <summary>
/// <c>Gateway:ConfigurationSource</c> <c>Consul</c>: the configuration lives in Consul KV, is seeded from the route folder and
/// followed by every gateway instance (reference §5, scenario 53).
/// </summary>
public sealed class ConsulConfigurationStoreTests
{
    private const string Key = "InternalConfiguration";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task KeyAbsent_IsWrittenWithTheFolderConfiguration()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await StartAsync(consul, FolderConfiguration(consul, stub, "/from-folder"));

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/from-folder")).StatusCode);
        var stored = consul.GetKey(Key);
        Assert.NotNull(stored);
        Assert.Contains("/from-folder", stored, StringComparison.Ordinal);
        Assert.Contains(consul.Calls, c => c.Method == "GET" && c.Path == "/v1/kv/" + Key);
        Assert.Contains(consul.Calls, c => c.Method == "PUT" && c.Path == "/v1/kv/" + Key && c.Query.Contains("cas=0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeyPresent_WinsOverTheFolder_AndCustomKeyIsUsed()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var stub = await DownstreamStub.StartAsync();
        consul.PutKey("gateways/prod", FolderConfiguration(consul, stub, "/from-consul", "gateways/prod"));
        await using var gateway = await StartAsync(consul, FolderConfiguration(consul, stub, "/from-folder", "gateways/prod"));

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/from-consul")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/from-folder")).StatusCode);
        Assert.DoesNotContain(consul.Calls, c => c.Method == "PUT");
    }

    [Fact]
    public async Task KeyChanged_TwoGatewayInstancesSwitchWithinSeconds()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var stub = await DownstreamStub.StartAsync();
        await using var first = await StartAsync(consul, FolderConfiguration(consul, stub, "/v1"));
        await using var second = await StartAsync(consul, FolderConfiguration(consul, stub, "/ignored-because-the-key-exists"));
        Assert.Equal(HttpStatusCode.OK, (await second.Client.GetAsync("/v1")).StatusCode);

        consul.PutKey(Key, FolderConfiguration(consul, stub, "/v2"));

        foreach (var gateway in new[] { first, second })
        {
            await Eventually.HoldsAsync(async () => (await gateway.Client.GetAsync("/v2")).StatusCode == HttpStatusCode.OK, Deadline, "every instance serves /v2");
            Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/v1")).StatusCode);
        }
    }

    [Fact]
    public async Task BadValue_IsRejectedWithTheValidationMessages_LastGoodKeepsServing()
    {
        var logs = new CapturingLoggerProvider();
        await using var consul = await ConsulStandIn.StartAsync();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await StartAsync(consul, FolderConfiguration(consul, stub, "/good"), logs);
        var rejected = new TaskCompletionSource<IReadOnlyList<ConfigurationProblem>>(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.State.Rejected += problems => rejected.TrySetResult(problems);

        consul.PutKey(Key, FolderConfiguration(consul, stub, "no-leading-slash"));
        var problems = await rejected.Task.WaitAsync(Deadline);

        Assert.Contains(problems, p => p.IsError && p.ToString().Contains("UpstreamPathTemplate", StringComparison.Ordinal));
        await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.EventId == 101), Deadline, "the rejection is logged");
        var log = Assert.Single(logs.Entries, e => e.EventId == 101);
        Assert.Contains("Consul KV key " + Key, log.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/good")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task KeyLost_ConsulRestartedWithoutItsData_IsWrittenBackWithTheRunningConfiguration()
    {
        var logs = new CapturingLoggerProvider();
        await using var consul = await ConsulStandIn.StartAsync();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await StartAsync(consul, FolderConfiguration(consul, stub, "/from-folder"), logs);
        consul.PutKey(Key, FolderConfiguration(consul, stub, "/running"));
        await Eventually.HoldsAsync(async () => (await gateway.Client.GetAsync("/running")).StatusCode == HttpStatusCode.OK, Deadline, "the gateway follows the key");

        consul.Restart(noLeaderFor: TimeSpan.FromMilliseconds(500));

        // The running configuration comes back, not the route folder's: the fleet keeps what it was told last.
        await Eventually.HoldsAsync(() => consul.GetKey(Key) is { } value && value.Contains("/running", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the key is restored");
        Assert.DoesNotContain("/from-folder", consul.GetKey(Key), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/running")).StatusCode);
        await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.EventId == 828), Deadline, "the restore is logged");
        Assert.Single(logs.Entries, e => e.EventId == 827);
    }

    [Fact]
    public async Task KeyLost_TwoGateways_OneRestoresIt_BothKeepServing()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var stub = await DownstreamStub.StartAsync();
        await using var first = await StartAsync(consul, FolderConfiguration(consul, stub, "/v1"));
        await using var second = await StartAsync(consul, FolderConfiguration(consul, stub, "/v1"));
        var generations = (first.State.Current!.Generation, second.State.Current!.Generation);

        consul.Restart(noLeaderFor: TimeSpan.FromMilliseconds(200));

        await Eventually.HoldsAsync(() => consul.GetKey(Key) is not null, TimeSpan.FromSeconds(5), "the key is restored");
        var puts = consul.Calls.Where(c => c.Method == "PUT" && c.Path == "/v1/kv/" + Key).ToList();
        Assert.All(puts, c => Assert.Contains("cas=0", c.Query, StringComparison.Ordinal));
        foreach (var gateway in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/v1")).StatusCode);
        }

        // Neither instance recompiled: the restored value is the configuration both already run.
        Assert.Equal(generations, (first.State.Current!.Generation, second.State.Current!.Generation));
    }

    [Fact]
    public async Task PollConsul_PollsTheKey_WithTheToken()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        consul.RequiredToken = "kv-token";
        await using var stub = await DownstreamStub.StartAsync();
        var provider = Provider(consul, type: "PollConsul", pollingInterval: 200, token: "kv-token");
        await using var gateway = await StartAsync(consul, Configuration(stub, "/v1", provider));

        consul.PutKey(Key, Configuration(stub, "/v2", provider));

        await Eventually.HoldsAsync(async () => (await gateway.Client.GetAsync("/v2")).StatusCode == HttpStatusCode.OK, Deadline, "the poll picks up /v2");
        Assert.All(consul.Calls, c => Assert.Equal("kv-token", c.Token));
        Assert.DoesNotContain(consul.Calls, c => c.Query.Contains("index=", StringComparison.Ordinal));
    }

    private static Task<GatewayInstance> StartAsync(ConsulStandIn consul, string folderConfiguration, CapturingLoggerProvider? logs = null) =>
        GatewayInstance.StartAsync(folderConfiguration, o =>
        {
            o.Logs = logs;
            o.Settings["Gateway:ConfigurationSource"] = "Consul";
            foreach (var (key, value) in FastRetries)
            {
                o.Settings[key] = value;
            }
        });

    /// <summary>One route to the stub and the provider pointing at the stand-in; used for the folder and for stored values alike.</summary>
    private static string FolderConfiguration(ConsulStandIn consul, DownstreamStub stub, string upstream, string? key = null) =>
        Configuration(stub, upstream, Provider(consul, configurationKey: key));

    private static string Configuration(DownstreamStub stub, string upstream, object provider) =>
        JsonSerializer.Serialize(new
        {
            Routes = new[] { OcelotJson.Route(stub, upstream, "/") },
            GlobalConfiguration = new { ServiceDiscoveryProvider = provider },
        }, Indented);
}
