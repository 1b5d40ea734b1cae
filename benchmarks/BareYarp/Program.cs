using OcelotGateway.Benchmarks;

// The benchmark's "bare YARP" contender: the default web host with YARP and the gateway's simple route (BareYarpHost).
var upstream = args.SkipWhile(a => a != "--upstream").Skip(1).FirstOrDefault()
    ?? throw new ArgumentException("usage: --upstream http://127.0.0.1:PORT");
var builder = WebApplication.CreateBuilder(args);
BareYarpHost.Configure(builder, upstream);
var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
