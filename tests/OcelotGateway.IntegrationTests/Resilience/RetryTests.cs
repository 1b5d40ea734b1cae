using System.Net;
using Microsoft.AspNetCore.Http;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Resilience;

/// <summary>Our retry extension: off by default, retries idempotent calls on 502/503/504, never bodies, within a budget.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task WithoutRetryOptions_A503IsPassedThroughAfterOneCall()
    {
        await using var stub = await DownstreamStub.StartAsync(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsync("down");
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/{everything}", "/{everything}")));

        var response = await gateway.Client.GetAsync("/a");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("down", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task IdempotentGet_RetriedUntilSuccess_ClientSeesOnlyTheSuccess()
    {
        var calls = 0;
        await using var stub = await DownstreamStub.StartAsync(context =>
        {
            var call = Interlocked.Increment(ref calls);
            context.Response.StatusCode = call < 3 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return context.Response.WriteAsync(call < 3 ? "down" : "finally");
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/{everything}", "/{everything}", new
        {
            RetryOptions = new { MaxRetries = 3, BaseDelay = 10, MaxDelay = 50 },
        })));

        var response = await gateway.Client.GetAsync("/a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finally", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, stub.Count);
    }

    [Fact]
    public async Task PostWithBody_IsNeverRetried()
    {
        await using var stub = await DownstreamStub.StartAsync(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/{everything}", "/{everything}", new
        {
            RetryOptions = new { MaxRetries = 3, BaseDelay = 10 },
        })));

        var response = await gateway.Client.PostAsync("/a", new StringContent("payload"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, stub.Count);
    }

    [Fact]
    public async Task RetriesExhausted_LastFailureReachesTheClient()
    {
        await using var stub = await DownstreamStub.StartAsync(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            return context.Response.WriteAsync("still down");
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/{everything}", "/{everything}", new
        {
            RetryOptions = new { MaxRetries = 2, BaseDelay = 10, MaxDelay = 20 },
        })));

        var response = await gateway.Client.GetAsync("/a");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("still down", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, stub.Count);
    }

    [Fact]
    public async Task Budget_CapsRetriesWhenEverythingFails()
    {
        await using var stub = await DownstreamStub.StartAsync(static context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/{everything}", "/{everything}", new
        {
            RetryOptions = new { MaxRetries = 3, BaseDelay = 1, MaxDelay = 2, BudgetPercent = 0, MinRetriesPerSecond = 2 },
        })));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gateway.Client.GetAsync("/a")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        // 20 first attempts and at most a couple of budgeted retries (the budget window may roll over once during the run).
        Assert.InRange(stub.Count, 20, 24);
    }
}
