using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Hosting;
using OcelotGateway.IntegrationTests.Infrastructure;
using OcelotGateway.Tests.Configuration.Mutations;

namespace OcelotGateway.IntegrationTests.Hosting;

/// <summary>
/// <c>validate</c> and start-up agree on every route folder: for seeded mutants of the shipped and sample route files, the
/// command exits 0 exactly when a host built as the gateway's own starts on the folder, 1 exactly when that start-up is refused,
/// and never anything else.
/// </summary>
[Collection(PropertyRuns.Name)]
public sealed class ValidateAgreementTests
{
    [Fact]
    public async Task AnyMutantFolder_ValidateExitsZeroOrOne_AndAgreesWithStartup()
    {
        var mutants = RouteFileMutant.Of(RouteFileCorpus.All);
        var verdicts = new HashSet<int>();

        await SeededCases.RunAsync(mutants, seed: 20261206, count: 800, async mutant =>
        {
            var folder = Directory.CreateTempSubdirectory("validate-agreement-").FullName;
            try
            {
                await File.WriteAllTextAsync(Path.Combine(folder, "ocelot.json"), mutant.Text);
                using var output = new StringWriter();

                var exitCode = await ValidateCommand.RunAsync(["validate", folder, "--environment", "Production"], output);
                var started = await StartsAsync(folder);

                Assert.True(exitCode is 0 or 1, $"exit code {exitCode}:\n{output}");
                Assert.True((exitCode == 0) == started, $"validate exited {exitCode} but start-up {(started ? "succeeded" : "was refused")}:\n{output}");
                verdicts.Add(exitCode);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }, mutant => mutant.ToString());

        Assert.Equal([0, 1], verdicts.Order());
    }

    /// <summary>Builds the host as the gateway's Program does, on <paramref name="folder"/>, and runs its configuration start-up.</summary>
    private static async Task<bool> StartsAsync(string folder)
    {
        var options = GatewayContentRoot.Options([]);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = options.ContentRootPath, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:ConfigFolder"] = folder, ["Gateway:ReloadOnChange"] = "false" });
        builder.AddOcelotGateway();
        await using var host = builder.Build();
        var manager = host.Services.GetRequiredService<GatewayConfigurationManager>();
        try
        {
            await manager.StartAsync(CancellationToken.None);
            await manager.StopAsync(CancellationToken.None);
            return true;
        }
        catch (GatewayConfigurationException)
        {
            return false;
        }
    }
}
