using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

// The benchmark's "bare YARP" contender: the default web host, YARP's in-memory configuration with the gateway's
// simple route (/api/{**rest} → upstream /{rest}), default logging at Warning. No gateway step runs.
var upstream = args.SkipWhile(a => a != "--upstream").Skip(1).FirstOrDefault()
    ?? throw new ArgumentException("usage: --upstream http://127.0.0.1:PORT");
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddReverseProxy()
    .LoadFromMemory(
        [new RouteConfig { RouteId = "simple", ClusterId = "upstream", Match = new RouteMatch { Path = "/api/{**rest}" } }],
        [new ClusterConfig { ClusterId = "upstream", Destinations = new Dictionary<string, DestinationConfig> { ["one"] = new() { Address = upstream } } }])
    .AddTransforms(context => context.AddPathRemovePrefix("/api"));
var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
