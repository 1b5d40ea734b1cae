using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using OcelotGateway.Hosting;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

// Bytes allocated per proxied request, counted exactly: the upstream stub, bare YARP, the gateway and the client all run in
// this process, and GC.GetTotalAllocatedBytes over N requests through a proxy, less the same N requests sent directly to the
// upstream, is what the proxy allocated. Unlike time, this count hardly moves when other work shares the machine.
//
//   dotnet run -c Release --project benchmarks/Allocations [-- --requests 20000 --concurrency 16 --types]
var requests = Option("--requests", 20_000);
var concurrency = Option("--concurrency", 16);
var showTypes = args.Contains("--types");

var json = Encoding.UTF8.GetBytes(
    """{"id":4711,"symbol":"MSFT","name":"Microsoft Corporation","sector":"Technology","price":421.17,"currency":"USD","change":-1.25,"volume":18234567,"updated":"2026-01-02T15:04:05Z","tags":["large-cap"]}""");
var upstream = await StartAsync(WebApplication.CreateSlimBuilder(), builder => builder.Logging.ClearProviders(), app =>
    app.MapGet("/json", context =>
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }));
var upstreamUri = Address(upstream);

// Bare YARP as benchmarks/BareYarp runs it: the default host, logging at Warning, one route, no gateway step.
var bareYarp = await StartAsync(WebApplication.CreateBuilder(), builder =>
{
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddReverseProxy()
        .LoadFromMemory(
            [new RouteConfig { RouteId = "simple", ClusterId = "upstream", Match = new RouteMatch { Path = "/api/{**rest}" } }],
            [new ClusterConfig { ClusterId = "upstream", Destinations = new Dictionary<string, DestinationConfig> { ["one"] = new() { Address = upstreamUri } } }])
        .AddTransforms(context => context.AddPathRemovePrefix("/api"));
}, app => app.MapReverseProxy());

// The gateway as benchmarks/run.sh runs it: Production, Serilog's compact JSON console sink at Warning.
var folder = Directory.CreateTempSubdirectory("ocelot-allocations-").FullName;
var port = new Uri(upstreamUri).Port;
await File.WriteAllTextAsync(Path.Combine(folder, "ocelot.json"), $$"""
    {
      "Routes": [
        { "Key": "simple", "UpstreamPathTemplate": "/api/{everything}", "UpstreamHttpMethod": [ "Get" ], "RequestIdKey": "X-Request-Id",
          "DownstreamPathTemplate": "/{everything}", "DownstreamScheme": "http", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{port}} } ] },
        { "Key": "plain", "UpstreamPathTemplate": "/plain/{everything}", "UpstreamHttpMethod": [ "Get" ],
          "DownstreamPathTemplate": "/{everything}", "DownstreamScheme": "http", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{port}} } ] }
      ]
    }
    """);
var gateway = await StartAsync(
    WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = folder }),
    builder =>
    {
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:ConfigFolder"] = folder,
            ["Gateway:ReloadOnChange"] = "false",
            ["Serilog:Using:0"] = "Serilog.Sinks.Console",
            ["Serilog:Using:1"] = "Serilog.Formatting.Compact",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:WriteTo:0:Name"] = "Console",
            ["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Compact.RenderedCompactJsonFormatter, Serilog.Formatting.Compact",
        });
        builder.AddOcelotGateway();
    },
    app => app.MapOcelotGateway());

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false, ActivityHeadersPropagator = null });
var targets = new (string Name, string Url)[]
{
    ("direct (client and upstream)", upstreamUri + "/json"),
    ("bare YARP", Address(bareYarp) + "/api/json"),
    ("gateway, route with RequestIdKey", Address(gateway) + "/api/json"),
    ("gateway, route with no policy", Address(gateway) + "/plain/json"),
};

Console.WriteLine($"{requests:N0} requests per target, {concurrency} at a time; bytes allocated in this process per request:");
double? direct = null;
foreach (var (name, url) in targets)
{
    await SendAsync(url, Math.Max(requests / 5, 1_000));
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var before = GC.GetTotalAllocatedBytes(precise: true);
    await SendAsync(url, requests);
    var perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)requests;
    direct ??= perRequest;
    Console.WriteLine(ReferenceEquals(name, targets[0].Name)
        ? $"  {name,-34} {perRequest,8:N0}"
        : $"  {name,-34} {perRequest,8:N0}   proxy's own: {perRequest - direct,6:N0}");
}

if (showTypes)
{
    foreach (var (name, url) in targets.Skip(1))
    {
        using var sampler = new AllocationSampler();
        await SendAsync(url, requests);
        sampler.Stop();
        Console.WriteLine($"\nAllocation samples (one per ~100 KB) during {requests:N0} requests to {name}, with the direct path's share included:");
        foreach (var (type, bytes) in sampler.Top(60))
        {
            Console.WriteLine($"  {bytes / (double)requests,8:N0} B/req  {type}");
        }
    }
}

await gateway.StopAsync();
await bareYarp.StopAsync();
await upstream.StopAsync();
Directory.Delete(folder, recursive: true);

async Task SendAsync(string url, int count)
{
    var remaining = count;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        while (Interlocked.Decrement(ref remaining) >= 0)
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
            }
        }
    }));
}

static async Task<WebApplication> StartAsync(WebApplicationBuilder builder, Action<WebApplicationBuilder> configure, Action<WebApplication> map)
{
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    configure(builder);
    var app = builder.Build();
    map(app);
    await app.StartAsync();
    return app;
}

static string Address(WebApplication app) =>
    app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

/// <summary>The runtime's allocation ticks (one event per ~100 KB allocated, naming the type that crossed it), summed by type.</summary>
internal sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _stopped;

    public void Stop() => _stopped = true;

    public IEnumerable<(string Type, long Bytes)> Top(int count) =>
        _bytes.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (_stopped || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
