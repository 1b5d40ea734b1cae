using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OcelotGateway.Configuration;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Configuration.Loading;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Hosting;
using OcelotGateway.Tests.Configuration.Mutations;

namespace OcelotGateway.Tests.Configuration;

/// <summary>
/// Configuration input is total: whatever a route file holds, loading and checking it never throws, and every configuration the
/// checks accept compiles and swaps in. Generated from the shipped and sample route files with seeded mutations (type swaps,
/// nulls, boundary and overflowing numbers, NaN, period strings, invalid Unicode, deep nesting, duplicate and overlong keys).
/// </summary>
[Collection(PropertyRuns.Name)]
public sealed class ConfigurationTotalityTests : IAsyncLifetime
{
    private WebApplication _host = null!;

    public Task InitializeAsync()
    {
        // The services a gateway host has, built but not started: the same checker and compiler start-up and reloads use.
        var folder = Directory.CreateTempSubdirectory("ocelot-totality-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:ConfigFolder"] = folder,
            ["Gateway:ReloadOnChange"] = "false",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddOcelotGateway(builder.Configuration);
        _host = builder.Build();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public Task AnyMutant_IsCheckedWithoutThrowing_AndWhatTheChecksAcceptCompilesAndSwapsIn()
    {
        var loader = new RouteFileLoader();
        var manager = _host.Services.GetRequiredService<GatewayConfigurationManager>();
        var state = _host.Services.GetRequiredService<GatewayConfigurationState>();
        return SeededCases.RunAsync(RouteFileMutant.Of(RouteFileCorpus.All), seed: 20261203, count: 5000, async mutant =>
        {
            var loaded = loader.LoadJson(mutant.Text, "ocelot.json");
            var problems = await manager.CheckAsync(loaded);

            Assert.DoesNotContain(problems, p => p.Key == CompilationDryRun.CompileKey);
            Assert.All(problems, AssertReadable);
            if (!problems.Any(p => p.IsError))
            {
                var applied = await manager.ApplyAsync(loaded, CancellationToken.None);
                Assert.DoesNotContain(applied, p => p.IsError);
                Assert.Same(loaded, state.Current?.Source);
            }
        }, mutant => mutant.ToString());
    }

    [Fact]
    public async Task AnyMutantInAFolder_IsLoadedMergedAndCheckedWithoutThrowing_AndWhatTheChecksAcceptCompiles()
    {
        // The shipped Development folder (fragments, ocelot.global.json, the environment overlay) with one file mutated.
        var folderFiles = RouteFileCorpus.All.Where(f => Path.GetDirectoryName(f.Name) == "ocelot").ToList();
        var manager = _host.Services.GetRequiredService<GatewayConfigurationManager>();
        using var folder = new TempRouteFolder();
        await SeededCases.RunAsync(RouteFileMutant.Of(folderFiles), seed: 20261207, count: 1000, async mutant =>
        {
            foreach (var file in folderFiles)
            {
                folder.With(Path.GetFileName(file.Name), file.Name == mutant.Source ? mutant.Text : file.Json.ToJsonString());
            }

            var loaded = await folder.LoadAsync("Development");
            var problems = await manager.CheckAsync(loaded);

            Assert.DoesNotContain(problems, p => p.Key == CompilationDryRun.CompileKey);
            Assert.All(problems, AssertReadable);
        }, mutant => mutant.ToString());
    }

    /// <summary>A problem names its file and key and is text any log sink or JSON writer can take.</summary>
    private static void AssertReadable(ConfigurationProblem problem)
    {
        Assert.False(string.IsNullOrWhiteSpace(problem.File));
        Assert.False(string.IsNullOrWhiteSpace(problem.Key));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(problem.ToString());
    }
}
