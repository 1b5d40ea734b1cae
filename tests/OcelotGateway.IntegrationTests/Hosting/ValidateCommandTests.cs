using OcelotGateway.Hosting;
using OcelotGateway.IntegrationTests.Infrastructure;

namespace OcelotGateway.IntegrationTests.Hosting;

/// <summary>
/// The <c>validate</c> command as an operator's CI runs it: against a route folder on disk, or against the configuration
/// stored in Consul KV (the stand-in, a real HTTP server on loopback). Exit codes: 0 valid, 1 invalid, 2 unreadable or bad arguments.
/// </summary>
public sealed class ValidateCommandTests
{
    private const string BadRoute = """
        // A route without a downstream path, and a rate limit without a period.
        { "Routes": [ { "Key": "orders", "UpstreamPathTemplate": "/orders/{id}", "ServiceName": "orders",
                        "RateLimitOptions": { "Limit": 5 } } ] }
        """;

    private static readonly string RepositoryRoot = FindRepositoryRoot();

    [Fact]
    public async Task Validate_ConsulKeyHoldingProductionRoutes_ExitsZeroAndSendsToken()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        consul.RequiredToken = "ci-token";
        consul.PutKey("InternalConfiguration", await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "ocelot", "production", "ocelot.json")));

        var (exitCode, output) = await RunAsync("validate", "--consul", consul.Address, "--token", "ci-token");

        Assert.Equal(0, exitCode);
        Assert.Contains("Consul KV key InternalConfiguration at " + consul.Address, output, StringComparison.Ordinal);
        Assert.Contains("valid, no problems.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ci-token", output, StringComparison.Ordinal);
        Assert.Contains(consul.Calls, c => c.Method == "GET" && c.Path == "/v1/kv/InternalConfiguration" && c.Token == "ci-token");
    }

    [Fact]
    public async Task Validate_InvalidConfigurationUnderCustomKey_ExitsOneNamingKeyRouteAndProperty()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        consul.PutKey("gateways/prod", BadRoute);

        var (exitCode, output) = await RunAsync("validate", "--consul", consul.Address + "/", "--key", "gateways/prod");

        Assert.Equal(1, exitCode);
        Assert.Contains("error: consul://gateways/prod: Routes[0] (/orders/{id}): DownstreamPathTemplate:", output, StringComparison.Ordinal);
        Assert.Contains("error: consul://gateways/prod: Routes[0] (/orders/{id}): RateLimitOptions.Period:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ConsulUnreachable_ExitsTwo()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        consul.PutKey("InternalConfiguration", BadRoute);
        consul.TakeDown();

        var (exitCode, output) = await RunAsync("validate", "--consul", consul.Address);

        Assert.Equal(2, exitCode);
        Assert.Contains("could not be read:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_KeyAbsentOrTokenRefused_ExitsTwo()
    {
        await using var consul = await ConsulStandIn.StartAsync();
        consul.PutKey("InternalConfiguration", BadRoute);

        var (absentCode, absentOutput) = await RunAsync("validate", "--consul", consul.Address, "--key", "nothing-here");
        consul.RequiredToken = "right";
        var (refusedCode, refusedOutput) = await RunAsync("validate", "--consul", consul.Address, "--token", "wrong");

        Assert.Equal(2, absentCode);
        Assert.Contains("could not be read: the key does not exist", absentOutput, StringComparison.Ordinal);
        Assert.Equal(2, refusedCode);
        Assert.Contains("403", refusedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ShippedProductionFolder_ExitsZero()
    {
        // The Development folder names a scheme only the host's own settings declare: HostProcessTests checks it with the host.
        var (exitCode, output) = await RunAsync("validate", Path.Combine(RepositoryRoot, "ocelot", "production"), "--environment", "Production");

        Assert.Equal(0, exitCode);
        Assert.Contains("valid, no problems.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_FolderWithBadFragment_ExitsOneNamingFileRouteAndProperty()
    {
        var folder = Directory.CreateTempSubdirectory("validate-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "ocelot.orders.json"), BadRoute);
            await File.WriteAllTextAsync(Path.Combine(folder, "ocelot.global.json"), """{ "GlobalConfiguration": { "RequestIdKey": "X-Request-Id" } }""");

            var (exitCode, output) = await RunAsync("validate", folder);

            Assert.Equal(1, exitCode);
            Assert.Contains("error: ocelot.orders.json: Routes[0] (/orders/{id}): DownstreamPathTemplate:", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Validate_MissingFolder_ExitsTwoSayingItCouldNotBeRead()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-route-folder-" + Guid.NewGuid().ToString("N"));

        var (exitCode, output) = await RunAsync("validate", missing);

        Assert.Equal(2, exitCode);
        Assert.Contains("Route files in " + missing, output, StringComparison.Ordinal);
        Assert.Contains("could not be read: the folder does not exist", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "--help")]
    [InlineData("validate", "ocelot", "-h")]
    public async Task Validate_Help_PrintsUsageAndExitsZero(params string[] args)
    {
        var (exitCode, output) = await RunAsync(args);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("usage: validate [FOLDER]", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "--consul", "not-a-url")]
    [InlineData("validate", "ocelot", "--consul", "http://127.0.0.1:8500")]
    [InlineData("validate", "--key", "InternalConfiguration")]
    [InlineData("validate", "--bogus")]
    public async Task Validate_BadArguments_ExitsTwoWithUsage(params string[] args)
    {
        var (exitCode, output) = await RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("usage: validate", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await ValidateCommand.RunAsync(args, output);
        return (exitCode, output.ToString());
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "OcelotGateway.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("OcelotGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
