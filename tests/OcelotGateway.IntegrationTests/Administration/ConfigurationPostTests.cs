using System.Net;
using System.Text.Json.Nodes;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.IntegrationTests.Infrastructure;
using OcelotGateway.Tests.Configuration.Mutations;
using static OcelotGateway.IntegrationTests.Infrastructure.AdministrationGateway;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Administration;

/// <summary>
/// The administration API validates exactly what it will run: a POST answers 200 only for a configuration that compiled and now
/// serves, and then a restart on the folder starts; any other POST answers 400 and leaves every file as it was. Never 500.
/// </summary>
[Collection(PropertyRuns.Name)]
public sealed class ConfigurationPostTests : IClassFixture<StubFixture>
{
    private readonly DownstreamStub _stub;

    public ConfigurationPostTests(StubFixture fixture)
    {
        _stub = fixture.Stub;
        _stub.Handler = DownstreamStub.EchoAsync;
    }

    [Fact]
    public async Task AnyMutantPosted_400LeavesTheFolderAsItWas_200LeavesAFolderThatStarts()
    {
        var original = new Dictionary<string, string>
        {
            ["ocelot.orders.json"] = Routes(Route(_stub, "/orders/{id}", "/orders/{id}")),
            ["ocelot.Production.json"] = """{ "GlobalConfiguration": { "Timeout": 30 } }""",
        };
        var mutants = RouteFileMutant.Of(RouteFileCorpus.All, file => RouteFileCorpus.Localized(file, _stub.Port));
        var accepted = 0;

        await SeededCases.RunAsync(mutants, seed: 20261205, count: 80, async mutant =>
        {
            await using var gateway = await StartAsync(original);
            var before = RouteFiles(gateway);

            using var posted = await SendAsync(gateway, HttpMethod.Post, KeyHeader, mutant.Text);

            Assert.True(posted.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
            if (posted.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Equal(before, RouteFiles(gateway));
                Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/orders/1")).StatusCode);
                return;
            }

            accepted++;
            await using var restarted = await StartAsync(RouteFiles(gateway));
            Assert.NotNull(restarted.State.Current);
        }, mutant => mutant.ToString());

        // The property means little unless both branches ran.
        Assert.InRange(accepted, 1, 79);
    }

    [Fact]
    public async Task PostThatFailsToSwapIn_400_FilesPutBack_PreviousConfigurationServes()
    {
        var original = Routes(Route(_stub, "/orders/{id}", "/orders/{id}"));
        await using var gateway = await StartAsync(new Dictionary<string, string> { ["ocelot.json"] = original });
        // A listener of the swap that fails for the new configuration only: everything before it passed, so only a rollback saves the day.
        gateway.State.Applied += configuration =>
        {
            if (configuration.Routes.Any(r => r.UpstreamPath.Template == "/refused/{id}"))
            {
                throw new InvalidOperationException("a listener refused the swap");
            }
        };

        using var posted = await SendAsync(gateway, HttpMethod.Post, KeyHeader, Routes(Route(_stub, "/refused/{id}", "/refused/{id}")));
        var problems = JsonNode.Parse(await posted.Content.ReadAsStringAsync())!["problems"]!.AsArray();

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        var problem = Assert.Single(problems);
        Assert.Equal(CompilationDryRun.CompileKey, problem!["key"]!.GetValue<string>());
        Assert.Contains("InvalidOperationException: a listener refused the swap", problem["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllTextAsync(Path.Combine(gateway.Folder, "ocelot.json")));
        Assert.Equal(HttpStatusCode.OK, (await gateway.Client.GetAsync("/orders/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.Client.GetAsync("/refused/1")).StatusCode);
        Assert.Equal("/orders/{id}", Assert.Single(gateway.State.Current!.Routes).UpstreamPath.Template);
    }

    [Fact]
    public async Task PostOver4MiB_Is413ProblemJson_NamingTheLimit_FolderUntouched()
    {
        var original = Routes(Route(_stub, "/orders/{id}", "/orders/{id}"));
        await using var gateway = await StartAsync(new Dictionary<string, string> { ["ocelot.json"] = original });
        // Valid JSON, one byte of padding past the bound: only its size can refuse it.
        var oversized = Routes(Route(_stub, "/orders/{id}", "/orders/{id}", new { Key = "k" }));
        oversized = oversized.Insert(oversized.Length - 1, new string(' ', 4 * 1024 * 1024 - oversized.Length + 1));

        using var posted = await SendAsync(gateway, HttpMethod.Post, KeyHeader, oversized);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, posted.StatusCode);
        Assert.Equal("application/problem+json", posted.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The configuration is larger than 4 MiB.", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllTextAsync(Path.Combine(gateway.Folder, "ocelot.json")));
    }
}
