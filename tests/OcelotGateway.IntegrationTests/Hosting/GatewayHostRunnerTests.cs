using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using OcelotGateway.Hosting;
using OcelotGateway.IntegrationTests.Infrastructure;
using Serilog.Core;

namespace OcelotGateway.IntegrationTests.Hosting;

/// <summary>How the host ends when it cannot start: one line an operator can act on, no stack trace.</summary>
public sealed class GatewayHostRunnerTests
{
    [Fact]
    public async Task Run_AddressInUse_PrintsOneLineNamingItAndExitsTwo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";
        var folder = Directory.CreateTempSubdirectory("ocelot-gateway-test-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "ocelot.json"), """{ "Routes": [] }""");
        var sink = new CapturingSerilogSink();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = folder });
        builder.WebHost.UseUrls(address);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:ConfigFolder"] = folder, ["Gateway:ReloadOnChange"] = "false" });
        builder.Services.AddSingleton<ILogEventSink>(sink);
        builder.AddOcelotGateway();
        await using var app = builder.Build();
        app.MapOcelotGateway();
        using var error = new StringWriter();

        var exitCode = await app.RunGatewayAsync(error);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            $"Unable to start the gateway: Failed to bind to address {address}: address already in use. "
            + "Stop whatever listens there, or choose another address with --Urls.",
            line);
        Assert.DoesNotContain(sink.Events, e => e.Exception is not null);
        Directory.Delete(folder, recursive: true);
    }
}
