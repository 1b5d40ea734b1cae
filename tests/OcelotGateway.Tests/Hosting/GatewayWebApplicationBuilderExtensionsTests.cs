using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OcelotGateway.Hosting;

namespace OcelotGateway.Tests.Hosting;

public sealed class GatewayWebApplicationBuilderExtensionsTests
{
    [Fact]
    public async Task AddOcelotGateway_KestrelLimitsConfigured_RaiseTheBodySizeLimit()
    {
        var limits = await KestrelLimitsAsync(new() { ["Kestrel:Limits:MaxRequestBodySize"] = "209715200" });

        Assert.Equal(209_715_200, limits.MaxRequestBodySize);
    }

    [Fact]
    public async Task AddOcelotGateway_NoKestrelLimits_KeepsKestrelsDefault()
    {
        var limits = await KestrelLimitsAsync([]);

        Assert.Equal(new KestrelServerLimits().MaxRequestBodySize, limits.MaxRequestBodySize);
    }

    private static async Task<KestrelServerLimits> KestrelLimitsAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddOcelotGateway();
        await using var app = builder.Build();
        return app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
    }
}
