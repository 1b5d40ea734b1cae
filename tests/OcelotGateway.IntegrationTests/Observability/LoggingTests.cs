using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using OcelotGateway.IntegrationTests.Infrastructure;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Parsing;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Observability;

/// <summary>What operators see in the gateway's logs: request properties on every line, trace ids, and never credentials.</summary>
public sealed class LoggingTests
{
    private const string Secret = "Bearer s3cr3t-token-value";
    private const string CookieSecret = "session=c00kie-secret";
    private const string SetCookieSecret = "sid=set-c00kie-secret";
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string Traceparent = "00-" + TraceId + "-b7ad6b7169203331-01";

    [Fact]
    public async Task LogLines_OfARequest_CarryRouteKeyRequestIdAndClientId_EvenBeforeTheRequestIdStep()
    {
        var logs = new CapturingLoggerProvider();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/orders/{id}", "/orders/{id}", new
            {
                Key = "orders",
                RequestIdKey = "X-Request-Id",
                RateLimitOptions = new { Limit = 1, Period = "1m", ClientIdHeader = "X-Client" },
            })),
            o =>
            {
                o.Logs = logs;
                o.Settings["Logging:LogLevel:Default"] = "Debug";
            });

        var responses = new List<HttpResponseMessage>();
        foreach (var id in new[] { "req-41", "req-42" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/orders/5");
            request.Headers.Add("X-Request-Id", id);
            request.Headers.Add("X-Client", "client-9");
            responses.Add(await gateway.Client.SendAsync(request));
        }

        await Eventually.HoldsAsync(() => logs.Entries.Count(e => e.EventId == 1000) == 2, TimeSpan.FromSeconds(15), "request lines logged");

        // The second request is refused by rate limiting: its lines and its answer still carry the id.
        var rejected = Assert.Single(logs.Entries, e => e.EventId == 410);
        var completed = logs.Entries.Where(e => e.EventId == 1000).ToList();
        Assert.All(completed.Append(rejected), line =>
        {
            Assert.Equal("orders", line.Properties.GetValueOrDefault("RouteKey"));
            Assert.Equal("client-9", line.Properties.GetValueOrDefault("ClientId"));
        });
        Assert.Equal("req-42", rejected.Properties.GetValueOrDefault("RequestId"));
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, responses[1].StatusCode);
        Assert.Equal("req-42", responses[1].Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(["req-41", "req-42"], completed.Select(l => l.Properties.GetValueOrDefault("RequestId")).Order());
    }

    [Fact]
    public async Task LogLines_WithoutRequestIdKey_UseTheTraceIdentifierAsRequestId_AndNameTheRouteByTemplate()
    {
        var logs = new CapturingLoggerProvider();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/plain/{id}", "/plain/{id}")), o => o.Logs = logs);

        await gateway.Client.GetAsync("/plain/1");
        await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.EventId == 1000), TimeSpan.FromSeconds(15), "request line logged");

        var line = Assert.Single(logs.Entries, e => e.EventId == 1000);
        Assert.Equal("/plain/{id}", line.Properties.GetValueOrDefault("RouteKey"));
        Assert.False(string.IsNullOrEmpty(line.Properties.GetValueOrDefault("RequestId")));
        Assert.False(line.Properties.ContainsKey("ClientId"));
    }

    [Fact]
    public async Task Credentials_AreNeverLogged_EvenWithEveryCategoryAtTrace()
    {
        var logs = new CapturingLoggerProvider();
        await using var stub = await DownstreamStub.StartAsync(context =>
        {
            context.Response.Headers.SetCookie = SetCookieSecret;
            return DownstreamStub.EchoAsync(context);
        });
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/private", "/private", new { Key = "private" })),
            o =>
            {
                o.Logs = logs;
                o.Settings["Logging:LogLevel:Default"] = "Trace";
            });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/private");
        request.Headers.TryAddWithoutValidation("Authorization", Secret);
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", Secret);
        request.Headers.TryAddWithoutValidation("Cookie", CookieSecret);
        var response = await gateway.Client.SendAsync(request);
        await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.EventId == 1000), TimeSpan.FromSeconds(15), "request line logged");

        Assert.Equal(Secret, Assert.Single(stub.Received).Headers["Authorization"]);
        Assert.Equal(SetCookieSecret, response.Headers.GetValues("Set-Cookie").Single());
        Assert.True(logs.Entries.Count > 5, "Trace level should have produced framework log lines too.");
        foreach (var entry in logs.Entries)
        {
            var text = entry.Message + " " + string.Join(" ", entry.Properties.Values) + " " + entry.Exception;
            Assert.DoesNotContain("s3cr3t", text, StringComparison.Ordinal);
            Assert.DoesNotContain("c00kie-secret", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SerilogHost_EveryLineOfARequest_HasTraceAndSpanIdAndRequestProperties_AndNoCredentials()
    {
        var sink = new CapturingSerilogSink();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/serilog", "/serilog", new { Key = "serilog-route", RequestIdKey = "X-Request-Id" })),
            o =>
            {
                o.UseSerilogHost = true;
                o.ConfigureServices = services => services.AddSingleton<Serilog.Core.ILogEventSink>(sink);
                o.Settings["Serilog:MinimumLevel:Default"] = "Verbose";
            });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/serilog");
        request.Headers.Add("traceparent", Traceparent);
        request.Headers.Add("Oc-Client", "client-3");
        request.Headers.TryAddWithoutValidation("Authorization", Secret);
        await gateway.Client.SendAsync(request);
        await Eventually.HoldsAsync(
            () => sink.Events.Any(e => e.Properties.TryGetValue("EventId", out var id) && id.ToString().Contains("1000", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            "request line logged");

        var requestEvents = sink.Events.Where(e => e.TraceId?.ToHexString() == TraceId).ToList();
        Assert.Contains(requestEvents, e => e.Properties.ContainsKey("RouteKey"));
        Assert.All(requestEvents.Where(e => e.Properties.ContainsKey("RouteKey")), e =>
        {
            Assert.NotNull(e.SpanId);
            Assert.Equal("\"serilog-route\"", e.Properties["RouteKey"].ToString());
            Assert.Equal("\"" + TraceId + "\"", e.Properties["RequestId"].ToString());
            Assert.Equal("\"client-3\"", e.Properties["ClientId"].ToString());
        });
        var json = new StringWriter();
        var formatter = new RenderedCompactJsonFormatter();
        foreach (var logEvent in sink.Events)
        {
            formatter.Format(logEvent, json);
        }

        Assert.DoesNotContain("s3cr3t", json.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"@tr\":\"" + TraceId + "\"", json.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void HostSettings_Production_WriteCompactJsonLinesWithTraceAndSpanId()
    {
        var line = FormatWithHostSettings("Production");

        using var json = JsonDocument.Parse(line);
        Assert.Equal(TraceId, json.RootElement.GetProperty("@tr").GetString());
        Assert.Equal("b7ad6b7169203331", json.RootElement.GetProperty("@sp").GetString());
        Assert.Equal("orders", json.RootElement.GetProperty("RouteKey").GetString());
        Assert.Single(line.Trim().Split('\n'));
    }

    [Fact]
    public void HostSettings_Development_WriteOneReadableLineWithTraceIdAndNoPropertyBlock()
    {
        var line = FormatWithHostSettings("Development");

        Assert.Matches(@"^\[\d\d:\d\d:\d\d INF\] Request for orders \(trace " + TraceId + @"\)\r?\n$", line);
        Assert.DoesNotContain("{", line, StringComparison.Ordinal);
    }

    /// <summary>Formats one event with the console formatter the host's appsettings name for the environment.</summary>
    private static string FormatWithHostSettings(string environment)
    {
        var host = Path.Combine(RepositoryRoot(), "gateway", "OcelotGateway.Host");
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(host, "appsettings.json"))
            .AddJsonFile(Path.Combine(host, $"appsettings.{environment}.json"), optional: true)
            .Build();
        var typeName = configuration["Serilog:WriteTo:0:Args:formatter"];
        Assert.Equal("Console", configuration["Serilog:WriteTo:0:Name"]);
        // As Serilog's configuration reader does: the constructor whose parameters all have defaults.
        var constructor = Type.GetType(typeName!, throwOnError: true)!.GetConstructors().First(c => c.GetParameters().All(p => p.HasDefaultValue));
        var formatter = (ITextFormatter)constructor.Invoke([.. constructor.GetParameters().Select(p => p.DefaultValue)]);
        var logEvent = new LogEvent(
            DateTimeOffset.UtcNow,
            LogEventLevel.Information,
            null,
            new MessageTemplateParser().Parse("Request for {RouteKey}"),
            [new LogEventProperty("RouteKey", new ScalarValue("orders"))],
            ActivityTraceId.CreateFromString(TraceId),
            ActivitySpanId.CreateFromString("b7ad6b7169203331"));
        var output = new StringWriter();
        formatter.Format(logEvent, output);
        return output.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OcelotGateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OcelotGateway.sln not found above " + AppContext.BaseDirectory);
    }
}
