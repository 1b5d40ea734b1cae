using System.Net;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Hosting;

/// <summary>
/// The built host started as its own process from a working directory that is not its own: it still reads its appsettings
/// (so it logs, and knows its authentication schemes), and a refused start-up prints the problems, not a stack trace.
/// </summary>
public sealed class HostProcessTests : IClassFixture<StubFixture>, IDisposable
{
    private readonly DownstreamStub _stub;
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("gateway-cwd-").FullName;
    private readonly string _routes = Directory.CreateTempSubdirectory("gateway-routes-").FullName;

    public HostProcessTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    [Fact]
    public async Task Validate_FromAnotherWorkingDirectory_UsesTheHostsSettings_ShippedDevelopmentFolderExitsZero()
    {
        // The Development route files name the "Samples" scheme, declared only in the host's appsettings.Development.json.
        var (exitCode, output, _) = await HostProcess.RunAsync(
            _elsewhere, new Dictionary<string, string>(), "validate", Path.Combine(RepositoryRoot, "ocelot"), "--environment", "Development");

        Assert.True(exitCode == 0, output);
        Assert.Contains("valid, no problems.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FromAnotherWorkingDirectory_ServesAndLogs_ARejectedSaveIsLoggedAndTheLastGoodServes()
    {
        await File.WriteAllTextAsync(Path.Combine(_routes, "ocelot.json"), Routes(Route(_stub, "/orders/{id}", "/orders/{id}")));
        await using var host = HostProcess.Start(_elsewhere, new Dictionary<string, string> { ["Gateway__ConfigFolder"] = _routes });
        using var client = new HttpClient { BaseAddress = await host.ListeningAddressAsync() };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/orders/1")).StatusCode);
        await File.WriteAllTextAsync(Path.Combine(_routes, "ocelot.json"), """{ "Routes": [ { "UpstreamPathTemplate": "/orders/{id}", "UpstreamHttpMethod": [ null ] } ] }""");
        var rejected = await host.WaitForAsync(l => l.Contains("rejected", StringComparison.Ordinal), "logging the rejected save");

        Assert.Contains("UpstreamHttpMethod[0]: null in a list", rejected, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/orders/1")).StatusCode);
    }

    [Fact]
    public async Task Start_InvalidConfiguration_PrintsEveryProblemWithoutAStackTrace_ExitsOne()
    {
        await File.WriteAllTextAsync(Path.Combine(_routes, "ocelot.json"), """
            { "Routes": [ { "UpstreamPathTemplate": "/a/{x}", "DownstreamPathTemplate": "/a/{x}",
                            "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": -1 } ],
                            "RateLimitOptions": { "Period": "10675199d", "Limit": 1 } } ] }
            """);

        var (exitCode, output, error) = await HostProcess.RunAsync(_elsewhere, new Dictionary<string, string> { ["Gateway__ConfigFolder"] = _routes });

        Assert.Equal(1, exitCode);
        Assert.Contains("Unable to start the gateway, the configuration in " + _routes + " is invalid:", error, StringComparison.Ordinal);
        Assert.Contains("Routes[0] (/a/{x}): DownstreamHostAndPorts[0].Port: -1 is out of range", error, StringComparison.Ordinal);
        Assert.Contains("Routes[0] (/a/{x}): RateLimitOptions.Period: '10675199d' is longer than the longest period, 365d", error, StringComparison.Ordinal);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task Start_InvalidGatewaySettings_PrintsThemWithoutAStackTrace_ExitsOne()
    {
        await File.WriteAllTextAsync(Path.Combine(_routes, "ocelot.json"), Routes(Route(_stub, "/orders/{id}", "/orders/{id}")));

        var (exitCode, output, error) = await HostProcess.RunAsync(
            _elsewhere, new Dictionary<string, string> { ["Gateway__ConfigFolder"] = _routes, ["Gateway__ReloadDebounce"] = "01:00:00" });

        Assert.Equal(1, exitCode);
        Assert.Contains("Unable to start the gateway, its settings are invalid:", error, StringComparison.Ordinal);
        Assert.Contains("ReloadDebounce", error, StringComparison.Ordinal);
        AssertNoStackTrace(output + error);
    }

    public void Dispose()
    {
        Directory.Delete(_elsewhere, recursive: true);
        Directory.Delete(_routes, recursive: true);
    }

    private static string RepositoryRoot => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(HostProcess.Assembly)!, "..", "..", "..", "..", ".."));

    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", text, StringComparison.Ordinal);
    }
}
