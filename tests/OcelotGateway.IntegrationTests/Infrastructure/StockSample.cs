using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Stock.Api;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>The Stock sample service in the test process on 127.0.0.1 and an ephemeral port, registering with the given Consul.</summary>
public static class StockSample
{
    /// <summary>Starts it with <c>Consul:Address</c>, a 200 ms check interval (agents raise that to their minimum) and <paramref name="settings"/>.</summary>
    public static async Task<(WebApplication App, int Port)> StartAsync(string consulAddress, params string[] settings)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Consul:Address=" + consulAddress,
            "--Consul:CheckInterval=00:00:00.200",
            .. settings,
        ];
        var app = StockApi.Build(args);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return (app, new Uri(address).Port);
    }
}
