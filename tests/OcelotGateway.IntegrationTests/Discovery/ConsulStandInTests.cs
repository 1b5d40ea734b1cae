using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OcelotGateway.IntegrationTests.Infrastructure;

namespace OcelotGateway.IntegrationTests.Discovery;

/// <summary>The Consul stand-in keeps the promises other tests rely on: Consul's shapes, health filter and blocking queries.</summary>
public sealed class ConsulStandInTests
{
    private static readonly string[] VersionTags = ["v1"];

    [Fact]
    public async Task Register_WithHttpCheck_StartsCritical_TurnsPassingOnceProbed_DeregisterRemoves()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        await using var service = await DownstreamStub.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(consul.Address) };

        using var register = await client.PutAsJsonAsync("/v1/agent/service/register", new
        {
            ID = "stock-1",
            Name = "stock",
            Address = "127.0.0.1",
            service.Port,
            Tags = VersionTags,
            Check = new { HTTP = service.Address + "/health", Interval = "100ms", DeregisterCriticalServiceAfter = "1m" },
        });
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);

        await Eventually.HoldsAsync(async () => (await PassingAsync(client, "stock")).GetArrayLength() == 1, TimeSpan.FromSeconds(3), "the HTTP check passes");
        var entry = (await PassingAsync(client, "stock"))[0];
        Assert.Equal("stock-1", entry.GetProperty("Service").GetProperty("ID").GetString());
        Assert.Equal(service.Port, entry.GetProperty("Service").GetProperty("Port").GetInt32());
        Assert.Equal("stand-in-node", entry.GetProperty("Node").GetProperty("Node").GetString());
        Assert.All(entry.GetProperty("Checks").EnumerateArray(), c => Assert.Equal("passing", c.GetProperty("Status").GetString()));
        Assert.Contains("/health", service.Received.Select(r => r.Path));

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/v1/agent/service/deregister/stock-1", null)).StatusCode);
        Assert.Equal(0, (await PassingAsync(client, "stock")).GetArrayLength());
        // Consul 1.8 answers 200 for an ID it does not know.
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/v1/agent/service/deregister/stock-1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/agent/service/stock-1")).StatusCode);
    }

    [Fact]
    public async Task CheckCriticalForDeregisterCriticalServiceAfter_InstanceIsReaped()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(consul.Address) };
        var closedPort = SampleProcess.FreePort();

        using var register = await client.PutAsJsonAsync("/v1/agent/service/register", new
        {
            ID = "gone-1",
            Name = "gone",
            Address = "127.0.0.1",
            Port = closedPort,
            Check = new { HTTP = $"http://127.0.0.1:{closedPort}/health", Interval = "50ms", DeregisterCriticalServiceAfter = "1s" },
        });
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        // Read in-process, not by a second call: on a loaded machine a call can arrive after the reap has already happened.
        Assert.Single(consul.Registrations);

        await Eventually.HoldsAsync(() => consul.Registrations.Count == 0, TimeSpan.FromSeconds(10), "the critical instance is reaped");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/agent/service/gone-1")).StatusCode);
    }

    [Fact]
    public async Task Restart_LosesEveryRegistrationAndKey_AnswersNoLeaderAtFirst_AgentEndpointsServe()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(consul.Address) };
        consul.AddInstance("stock", "stock-1", "127.0.0.1", 9000);
        consul.PutKey("config", "{}");

        consul.Restart(noLeaderFor: TimeSpan.FromSeconds(30));

        using var health = await client.GetAsync("/v1/health/service/stock");
        Assert.Equal(HttpStatusCode.InternalServerError, health.StatusCode);
        Assert.Equal("No cluster leader", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/v1/kv/config")).StatusCode);
        Assert.Equal("{}", await client.GetStringAsync("/v1/agent/services"));
        Assert.Empty(consul.Registrations);
        Assert.Null(consul.GetKey("config"));
        Assert.Equal(1, consul.Index);
    }

    [Fact]
    public async Task BlockingQuery_IsHeldUntilTheIndexMoves_OrWaitEnds()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(consul.Address) };
        using var first = await client.GetAsync("/v1/health/service/esg");
        var index = long.Parse(first.Headers.GetValues("X-Consul-Index").Single(), System.Globalization.CultureInfo.InvariantCulture);

        var clock = Stopwatch.StartNew();
        using var timedOut = await client.GetAsync($"/v1/health/service/esg?index={index}&wait=300ms");
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        Assert.Equal(index.ToString(System.Globalization.CultureInfo.InvariantCulture), timedOut.Headers.GetValues("X-Consul-Index").Single());

        var blocked = client.GetAsync($"/v1/health/service/esg?index={index}&wait=30s");
        await Task.Delay(100);
        Assert.False(blocked.IsCompleted);
        consul.AddInstance("esg", "esg-1", "127.0.0.1", 9000);
        using var woken = await blocked.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.True(long.Parse(woken.Headers.GetValues("X-Consul-Index").Single(), System.Globalization.CultureInfo.InvariantCulture) > index);
    }

    [Fact]
    public async Task KeyValue_Base64Value_ModifyIndex_CasAndRaw()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(consul.Address) };

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/kv/config/app")).StatusCode);
        Assert.True(await (await client.PutAsync("/v1/kv/config/app?cas=0", new StringContent("{\"a\":1}", Encoding.UTF8))).Content.ReadFromJsonAsync<bool>());
        Assert.False(await (await client.PutAsync("/v1/kv/config/app?cas=0", new StringContent("other", Encoding.UTF8))).Content.ReadFromJsonAsync<bool>());

        using var pairs = JsonDocument.Parse(await client.GetStringAsync("/v1/kv/config/app"));
        var pair = pairs.RootElement[0];
        Assert.Equal("config/app", pair.GetProperty("Key").GetString());
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(Convert.FromBase64String(pair.GetProperty("Value").GetString()!)));
        Assert.True(pair.GetProperty("ModifyIndex").GetInt64() > 0);
        Assert.Equal("{\"a\":1}", await client.GetStringAsync("/v1/kv/config/app?raw"));
    }

    private static async Task<JsonElement> PassingAsync(HttpClient client, string service)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/v1/health/service/" + service + "?passing"));
        return document.RootElement.Clone();
    }
}
