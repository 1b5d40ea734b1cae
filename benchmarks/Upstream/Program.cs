using System.Text;
using OcelotGateway.Benchmarks.Upstream;

// The benchmark's upstream: fixed answers, no logging, nothing that would make the stub the bottleneck.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
// The upload sink takes 100 MB bodies.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
var app = builder.Build();

app.MapGet("/json", (HttpContext context) => StubResponses.WriteJsonAsync(context));
app.MapGet("/json/{name}", (HttpContext context) => StubResponses.WriteJsonAsync(context));
app.MapGet("/slow", async (HttpContext context) =>
{
    await Task.Delay(StubResponses.SlowLatency, context.RequestAborted);
    await StubResponses.WriteJsonAsync(context);
});
app.MapGet("/download", (HttpContext context) => StubResponses.WriteDownloadAsync(context));
app.MapPost("/upload", (HttpContext context) => StubResponses.CountUploadAsync(context));
app.MapGet("/", () => Results.Text("upstream stub", "text/plain", Encoding.UTF8));

await app.RunAsync();
