using System.Diagnostics;
using System.Net;
using OcelotGateway.IntegrationTests.Infrastructure;
using Polly.CircuitBreaker;
using OcelotGateway.Resilience;
using Xunit.Abstractions;
using static OcelotGateway.IntegrationTests.Discovery.ConsulJson;

namespace OcelotGateway.IntegrationTests.Discovery.RealAgent;

/// <summary>
/// A real <c>-dev</c> agent restarted, losing every registration and key (as docker-compose's Consul does on restart): the
/// sample registers again, the gateway writes its configuration key back, traffic resumes, and the gateway's own 503s of the
/// gap never open the route's circuit breaker.
/// </summary>
public sealed class RealConsulHealingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;

    public RealConsulHealingTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [RealConsulFact]
    public async Task AgentRestartedWithoutItsState_RegistrationAndKeyComeBack_TrafficHeals_BreakerStaysClosed()
    {
        await using var agent = await ConsulAgent.StartAsync();
        var (app, port) = await StockSample.StartAsync(
            agent.Address, "--Consul:CheckInterval=00:00:01", "--Consul:VerifyInterval=00:00:00.500", "--Consul:RetryDelay=00:00:00.100", "--Consul:MaxRetryDelay=00:00:00.500");
        await using var _ = app;
        var id = $"stock-127.0.0.1-{port}";
        await Eventually.HoldsAsync(async () => (await agent.PassingAsync("stock")).Count == 1, Deadline, "the sample passes");

        var route = ServiceRoute("/stock/{everything}", "/api/stocks/{everything}", "stock");
        route["QoSOptions"] = new { MinimumThroughput = 2, BreakDuration = 60_000 };
        await using var gateway = await GatewayInstance.StartAsync(ServiceConfiguration(Provider(agent), route), o =>
        {
            o.Settings["Gateway:ConfigurationSource"] = "Consul";
            foreach (var (key, value) in FastRetries)
            {
                o.Settings[key] = value;
            }
        });
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/stock/MSFT")).StatusCode);
        Assert.NotNull(await agent.GetKeyAsync("InternalConfiguration"));

        var clock = Stopwatch.StartNew();
        await agent.RestartAsync();
        TimeSpan? registered = null, keyRestored = null;
        var answers = new List<(TimeSpan At, HttpStatusCode Status, string Body)>();
        while (registered is null || keyRestored is null || answers[^1].Status != HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < Deadline, $"not healed within {Deadline}: registered {registered}, key {keyRestored}, last answer {answers.LastOrDefault().Status}");
            using var response = await gateway.Client.GetAsync("/stock/MSFT");
            answers.Add((clock.Elapsed, response.StatusCode, await response.Content.ReadAsStringAsync()));
            registered ??= await TryAsync(async () => (await agent.RegisteredAsync("stock")).SequenceEqual([id])) ? clock.Elapsed : null;
            keyRestored ??= await TryAsync(async () => await agent.GetKeyAsync("InternalConfiguration") is not null) ? clock.Elapsed : null;
            await Task.Delay(20);
        }

        var unavailable = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        _output.WriteLine(
            $"agent restart: registration back after {registered.Value.TotalSeconds:0.00} s, key after {keyRestored.Value.TotalSeconds:0.00} s; "
            + $"{unavailable.Count} of {answers.Count} requests answered 503"
            + (unavailable.Count > 0 ? $" between {unavailable[0].At.TotalSeconds:0.00} s and {unavailable[^1].At.TotalSeconds:0.00} s" : string.Empty));
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.All(unavailable, a => Assert.Contains("No downstream instance", a.Body, StringComparison.Ordinal));
        Assert.All(gateway.Services.GetRequiredService<CircuitBreakerRegistry>().Breakers, b => Assert.Equal(CircuitState.Closed, b.CircuitState));
        Assert.Contains("/stock/{everything}", await agent.GetKeyAsync("InternalConfiguration"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/stock/MSFT")).StatusCode);
    }

    /// <summary>The agent refuses connections or answers 500 while it starts; that is "not yet", not a failure of the test.</summary>
    private static async Task<bool> TryAsync(Func<Task<bool>> probe)
    {
        try
        {
            return await probe();
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
