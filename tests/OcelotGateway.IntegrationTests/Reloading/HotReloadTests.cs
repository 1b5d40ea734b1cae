using System.Net;
using System.Net.Http.Json;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Reloading;

/// <summary>Saving a route file applies it without a restart; saving a broken one keeps the last good configuration.</summary>
public sealed class HotReloadTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public HotReloadTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    [Fact]
    public async Task SavedFile_AppliesWithinTwoSeconds()
    {
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(_stub, "/old", "/old")), o => o.ReloadOnChange = true);
        var applied = NextApplied(gateway);

        await gateway.WriteFileAsync("ocelot.json", Routes(Route(_stub, "/new", "/new-downstream")));
        await applied.WaitAsync(TimeSpan.FromSeconds(2));

        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/old")).StatusCode);
        var echo = await gateway.Client.GetFromJsonAsync<EchoResponse>("/new");
        Assert.Equal("/new-downstream", echo!.Path);
    }

    [Fact]
    public async Task InvalidSave_IsLoggedWithFileRouteAndKey_AndLastGoodKeepsServing()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartServingAsync(logs);
        var rejection = NextRejected(gateway);

        await gateway.WriteFileAsync("ocelot.json", """
            { "Routes": [ { "UpstreamPathTemplate": "/broken", "DownstreamPathTemplate": "/x",
                            "LoadBalancerOptions": { "Type": "RoundRobbin" },
                            "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 1 } ] } ] }
            """);
        await rejection.WaitAsync(TimeSpan.FromSeconds(3));
        var rejected = Assert.Single(logs.Entries, e => e.EventId == 101);

        Assert.Contains("ocelot.json", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("Routes[0] (/broken)", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("LoadBalancerOptions.Type", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/good")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/broken")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task InvalidSaveWithAWarning_PrintsEveryProblemOnceWithProperPlurals()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartServingAsync(logs);
        var rejection = NextRejected(gateway);

        await gateway.WriteFileAsync("ocelot.json", """
            { "Routes": [ { "UpstreamPathTemplate": "/broken", "DownstreamPathTemplate": "no-slash", "UpstreamHttpMethods": [ "Get" ],
                            "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": 1 } ] } ] }
            """);
        await rejection.WaitAsync(TimeSpan.FromSeconds(3));

        var everything = string.Join('\n', logs.Entries.Select(e => e.Message));
        Assert.Equal(1, Occurrences(everything, "UpstreamHttpMethods: unknown key"));
        Assert.Equal(1, Occurrences(everything, "DownstreamPathTemplate:"));
        var rejected = Assert.Single(logs.Entries, e => e.EventId == 101);
        Assert.StartsWith("Configuration from ", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("rejected, the last good configuration keeps serving:", rejected.Message, StringComparison.Ordinal);
        Assert.EndsWith("1 error, 1 warning", rejected.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1 errors", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidSaveWithAWarning_LogsItOnceAsOneSentence()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartServingAsync(logs);
        var applied = NextApplied(gateway);

        await gateway.WriteFileAsync("ocelot.json", Routes(Route(_stub, "/new", "/new", new { UpstreamHttpMethods = new[] { "Get" } })));
        await applied.WaitAsync(TimeSpan.FromSeconds(2));

        var warning = Assert.Single(logs.Entries, e => e.EventId == 102);
        Assert.StartsWith("Configuration warning: ocelot.json: Routes[0] (/new): UpstreamHttpMethods: unknown key", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InFlightRequest_CompletesAcrossReload()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var slow = await DownstreamStub.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await release.Task;
            await context.Response.WriteAsync("finished");
        });
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(slow, "/slow", "/slow")), o => o.ReloadOnChange = true);
        var applied = NextApplied(gateway);

        var inFlight = gateway.Client.GetAsync("/slow");
        await arrived.Task;
        await gateway.WriteFileAsync("ocelot.json", Routes(Route(slow, "/other", "/other")));
        await applied.WaitAsync(TimeSpan.FromSeconds(2));
        release.SetResult();
        var response = await inFlight;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finished", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InvalidConfigurationAtStartup_StopsWithEveryProblem()
    {
        var error = await Assert.ThrowsAsync<GatewayConfigurationException>(() => GatewayInstance.StartAsync("""
            { "Routes": [
                { "UpstreamPathTemplate": "/a/{id}", "DownstreamPathTemplate": "/a/{other}", "DownstreamHostAndPorts": [ { "Host": "h", "Port": 1 } ] },
                { "UpstreamPathTemplate": "/b", "DownstreamPathTemplate": "/b", "DownstreamScheme": "ftp", "DownstreamHostAndPorts": [] } ] }
            """));

        Assert.Contains("Routes[0] (/a/{id})", error.Message, StringComparison.Ordinal);
        Assert.Contains("{other}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Routes[1] (/b)", error.Message, StringComparison.Ordinal);
        Assert.Contains("DownstreamScheme", error.Message, StringComparison.Ordinal);
        Assert.Contains("DownstreamHostAndPorts", error.Message, StringComparison.Ordinal);
        Assert.True(error.Problems.Count(p => p.IsError) >= 3);
    }

    [Fact]
    public async Task RouteFolderDeleted_GatewayKeepsServing_AndFollowsTheFolderOnceItIsBack()
    {
        var logs = new CapturingLoggerProvider();
        await using var gateway = await StartServingAsync(logs, "/before");

        Directory.Delete(gateway.Folder, recursive: true);
        await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.EventId is 101 or 105), TimeSpan.FromSeconds(20), "the lost folder is reported");
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/before")).StatusCode);

        var applied = NextApplied(gateway);
        Directory.CreateDirectory(gateway.Folder);
        await gateway.WriteFileAsync("ocelot.json", Routes(Route(_stub, "/after", "/after")));
        await applied.WaitAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/after")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/before")).StatusCode);
    }

    /// <summary>A reloading gateway serving one route at <paramref name="path"/>, its log captured.</summary>
    private Task<GatewayInstance> StartServingAsync(CapturingLoggerProvider logs, string path = "/good") =>
        GatewayInstance.StartAsync(Routes(Route(_stub, path, path)), o =>
        {
            o.ReloadOnChange = true;
            o.Logs = logs;
        });

    private static Task NextRejected(GatewayInstance gateway)
    {
        var rejected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.State.Rejected += _ => rejected.TrySetResult();
        return rejected.Task;
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static Task NextApplied(GatewayInstance gateway)
    {
        var applied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.State.Applied += _ => applied.TrySetResult();
        return applied.Task;
    }
}
