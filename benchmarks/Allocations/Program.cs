using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using OcelotGateway.Benchmarks;
using OcelotGateway.Benchmarks.Allocations;
using OcelotGateway.Hosting;

// Bytes allocated and CPU time used per proxied request: the upstream stub, bare YARP, the gateway and the client all run in
// this process, and GC.GetTotalAllocatedBytes (exact) and the process's CPU time over N requests through a proxy, less the
// same N requests sent directly to the upstream, are what the proxy added. Targets are measured in interleaved rounds and
// the median is shown. The byte count hardly moves when other work shares the machine; the CPU time does, so compare it
// only within one run. --steps then times each piece of the gateway's per-request work on its own (StepCosts).
//
//   dotnet run -c Release --project benchmarks/Allocations [-- --requests 20000 --rounds 5 --warmup 30 --concurrency 16 --types --steps --calls 200000 --only TEXT]
var requests = Option("--requests", 20_000);
var rounds = Option("--rounds", 5);
var warmUpSeconds = Option("--warmup", 30);
var concurrency = Option("--concurrency", 16);
var showTypes = args.Contains("--types");
var showSteps = args.Contains("--steps");

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
var bareYarp = await StartAsync(WebApplication.CreateBuilder(), builder => BareYarpHost.Configure(builder, upstreamUri), app => app.MapReverseProxy());

// The gateway as benchmarks/run.sh runs it: Production, Serilog's compact JSON console sink at Warning.
var folder = Directory.CreateTempSubdirectory("ocelot-allocations-").FullName;
var port = new Uri(upstreamUri).Port;
await File.WriteAllTextAsync(Path.Combine(folder, "ocelot.json"), $$"""
    {
      "Routes": [
        { "Key": "simple", "UpstreamPathTemplate": "/api/{everything}", "UpstreamHttpMethod": [ "Get" ], "RequestIdKey": "X-Request-Id",
          "DownstreamPathTemplate": "/{everything}", "DownstreamScheme": "http", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{port}} } ] },
        { "Key": "plain", "UpstreamPathTemplate": "/plain/{everything}", "UpstreamHttpMethod": [ "Get" ],
          "DownstreamPathTemplate": "/{everything}", "DownstreamScheme": "http", "DownstreamHostAndPorts": [ { "Host": "127.0.0.1", "Port": {{port}} } ] },
        { "Key": "limited", "UpstreamPathTemplate": "/limited/{everything}", "UpstreamHttpMethod": [ "Get" ], "RequestIdKey": "X-Request-Id",
          "RateLimitOptions": { "EnableRateLimiting": true, "ClientWhitelist": [], "Period": "1s", "Limit": 1000000000 },
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
// The rate-limiting client id, sent to every target as the benchmark's wrk does.
client.DefaultRequestHeaders.Add("Oc-Client", "bench");
var targets = new (string Name, string Url)[]
{
    ("direct (client and upstream)", upstreamUri + "/json"),
    ("bare YARP", Address(bareYarp) + "/api/json"),
    ("gateway, route with RequestIdKey", Address(gateway) + "/api/json"),
    ("gateway, route with no policy", Address(gateway) + "/plain/json"),
    ("gateway, rate-limited route", Address(gateway) + "/limited/json"),
};

// --requests 0 skips the end-to-end figures (with --steps: only the pieces).
if (requests > 0)
{
    // Tiered compilation needs tens of seconds of load before the code settles (benchmarks/RESULTS.md finding 4).
    var warmUntil = DateTime.UtcNow.AddSeconds(warmUpSeconds);
    do
    {
        foreach (var (_, url) in targets)
        {
            await SendAsync(url, Math.Max(requests / 10, 500));
        }
    }
    while (DateTime.UtcNow < warmUntil);

    var allocated = targets.Select(_ => new double[rounds]).ToArray();
    var cpu = targets.Select(_ => new double[rounds]).ToArray();
    for (var round = 0; round < rounds; round++)
    {
        for (var t = 0; t < targets.Length; t++)
        {
            await SendAsync(targets[t].Url, Math.Max(requests / 10, 500));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var before = GC.GetTotalAllocatedBytes(precise: true);
            await SendAsync(targets[t].Url, requests);
            allocated[t][round] = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)requests;
            cpu[t][round] = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMicroseconds / requests;
        }
    }

    Console.WriteLine($"{requests:N0} requests per target and round, {concurrency} at a time, {rounds} interleaved rounds (medians; CPU range over rounds):");
    Console.WriteLine($"  {"",-34} {"bytes/req",9} {"proxy's own",11} {"CPU µs/req",10} {"proxy's own",11} {"range",13}");
    var directBytes = Median(allocated[0]);
    var directCpu = Median(cpu[0]);
    for (var t = 0; t < targets.Length; t++)
    {
        var ownCpu = cpu[t].Select(c => c - directCpu).Order().ToArray();
        Console.WriteLine(t == 0
            ? $"  {targets[t].Name,-34} {directBytes,9:N0} {"",11} {directCpu,10:N1}"
            : $"  {targets[t].Name,-34} {Median(allocated[t]),9:N0} {Median(allocated[t]) - directBytes,11:N0} {Median(cpu[t]),10:N1} {Median(cpu[t]) - directCpu,11:N1} {ownCpu[0],6:N1}–{ownCpu[^1],-6:N1}");
    }
}

if (showTypes && requests > 0)
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

if (showSteps)
{
    StepCosts.Run(gateway, Option("--calls", 200_000), Option("--step-rounds", 7), args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault());
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

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted[sorted.Length / 2];
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
