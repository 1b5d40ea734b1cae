using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Resilience;

/// <summary>Ocelot's QoS (circuit breaker and timeout) against downstream stubs that fail for real.</summary>
public sealed class QoSTests
{
    [Fact]
    public async Task QoSTimeout_Answers504AtTheConfiguredValue_AndCountsAsFailure()
    {
        await using var stub = await DownstreamStub.StartAsync(static async context =>
        {
            if (context.Request.Path != "/warm")
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            }
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/{everything}", "/{everything}", new
        {
            QoSOptions = new { Timeout = 500 },
        })));

        // The first request through a fresh gateway also pays for connections and JIT; time a warm one, as traffic is.
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/warm")).StatusCode);
        var watch = Stopwatch.StartNew();
        var response = await gateway.Client.GetAsync("/slow");
        watch.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("Request timeout for route -> /{everything}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed.TotalMilliseconds, 400, 600 + 100);
    }

    [Fact]
    public async Task Breaker_OpensAfterFailures_Answers503WithoutCallingDownstream_AndRecoversAfterBreak()
    {
        var failing = true;
        await using var stub = await DownstreamStub.StartAsync(context =>
        {
            context.Response.StatusCode = failing ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
            return Task.CompletedTask;
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/{everything}", "/{everything}", new { QoSOptions = new { MinimumThroughput = 2, BreakDuration = 1000 } })),
            o => o.ConfigureServices = services => services.AddSingleton<TimeProvider>(time));

        var first = await gateway.Client.GetAsync("/a");
        var second = await gateway.Client.GetAsync("/a");
        var third = await gateway.Client.GetAsync("/a");
        var callsWhileOpen = stub.Count;

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Circuit breaker is open", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, callsWhileOpen);

        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await gateway.Client.GetAsync("/a")).StatusCode);

        failing = false;
        time.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/a")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/a")).StatusCode);
        Assert.Equal(4, stub.Count);
    }

    [Fact]
    public async Task Breaker_FailedTrialInHalfOpen_ReopensTheCircuit()
    {
        await using var stub = await DownstreamStub.StartAsync(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/{everything}", "/{everything}", new { QoSOptions = new { MinimumThroughput = 2, BreakDuration = 1000 } })),
            o => o.ConfigureServices = services => services.AddSingleton<TimeProvider>(time));

        await gateway.Client.GetAsync("/a");
        await gateway.Client.GetAsync("/a");
        time.Advance(TimeSpan.FromMilliseconds(1001));
        var trial = await gateway.Client.GetAsync("/a");
        var afterTrial = await gateway.Client.GetAsync("/a");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, trial.StatusCode);
        Assert.NotEqual("application/problem+json", trial.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/problem+json", afterTrial.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, stub.Count);
    }

    [Fact]
    public async Task ConnectionReset_Is502_AndCountsTowardsTheBreaker()
    {
        await using var stub = await DownstreamStub.StartAsync(static context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/{everything}", "/{everything}", new
        {
            QoSOptions = new { MinimumThroughput = 2, BreakDuration = 5000 },
        })));

        var first = await gateway.Client.GetAsync("/a");
        var second = await gateway.Client.GetAsync("/a");
        var third = await gateway.Client.GetAsync("/a");

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        using var problem = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Equal(502, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ManyConcurrentRequests_EachReachesDownstreamExactlyOnce()
    {
        await using var stub = await DownstreamStub.StartAsync(static async context =>
        {
            await Task.Yield();
            context.Response.StatusCode = 200;
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/{everything}", "/{everything}", new
        {
            QoSOptions = new { MinimumThroughput = 5, BreakDuration = 5000, Timeout = 5000 },
        })));

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => gateway.Client.GetAsync($"/item/{i}")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(200, stub.Count);
        Assert.Equal(200, stub.Received.Select(r => r.Path).Distinct().Count());
    }

    [Fact]
    public async Task BreakerState_SurvivesReloadWhenOptionsUnchanged()
    {
        await using var stub = await DownstreamStub.StartAsync(static context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        var route = Route(stub, "/{everything}", "/{everything}", new { QoSOptions = new { MinimumThroughput = 2, BreakDuration = 60_000 } });
        await using var gateway = await GatewayInstance.StartAsync(Routes(route));
        await gateway.Client.GetAsync("/a");
        await gateway.Client.GetAsync("/a");

        var manager = gateway.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<OcelotGateway.Configuration.Reload.GatewayConfigurationManager>().Single();
        await manager.ReloadAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await gateway.Client.GetAsync("/a")).StatusCode);
        Assert.Equal(2, stub.Count);
    }
}
