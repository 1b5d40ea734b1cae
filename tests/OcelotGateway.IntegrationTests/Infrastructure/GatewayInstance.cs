using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OcelotGateway.Configuration.Reload;
using OcelotGateway.Hosting;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>
/// A real gateway host on Kestrel (127.0.0.1, ephemeral port) reading route files from its own temporary folder.
/// </summary>
public sealed class GatewayInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayInstance(WebApplication app, string folder, HttpClient client)
    {
        _app = app;
        Folder = folder;
        Client = client;
    }

    public string Folder { get; }

    public HttpClient Client { get; }

    public Uri BaseAddress => Client.BaseAddress!;

    public IServiceProvider Services => _app.Services;

    public GatewayConfigurationState State => _app.Services.GetRequiredService<GatewayConfigurationState>();

    /// <summary>Starts a gateway on one <c>ocelot.json</c>.</summary>
    public static Task<GatewayInstance> StartAsync(string ocelotJson, Action<GatewayOptionsBuilder>? configure = null) =>
        StartWithFilesAsync(new Dictionary<string, string> { ["ocelot.json"] = ocelotJson }, configure);

    public static async Task<GatewayInstance> StartWithFilesAsync(IReadOnlyDictionary<string, string> files, Action<GatewayOptionsBuilder>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("ocelot-gateway-test-").FullName;
        foreach (var (name, content) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), content);
        }

        var options = new GatewayOptionsBuilder();
        configure?.Invoke(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = options.Environment, ContentRootPath = folder });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = null);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:ConfigFolder"] = folder,
            ["Gateway:ReloadOnChange"] = options.ReloadOnChange ? "true" : "false",
            ["Gateway:ReloadDebounce"] = "00:00:00.100",
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.Logging.ClearProviders();
        if (options.Logs is not null)
        {
            builder.Logging.AddProvider(options.Logs);
        }

        if (options.UseSerilogHost)
        {
            builder.AddOcelotGateway();
        }
        else
        {
            builder.Services.AddOcelotGateway(builder.Configuration);
        }

        options.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapOcelotGateway();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        // No trace propagation from the test's side: a traceparent a test sets must reach the gateway as written, even while
        // another test's tracer provider listens to HTTP client activities in this process.
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ActivityHeadersPropagator = null })
        {
            BaseAddress = new Uri(address),
            Timeout = TimeSpan.FromSeconds(30),
        };
        return new GatewayInstance(app, folder, client);
    }

    public Task WriteFileAsync(string name, string content) => File.WriteAllTextAsync(Path.Combine(Folder, name), content);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file watcher may still hold the folder for a moment; the OS temp cleaner gets it later.
        }
    }
}
