using System.Collections.Concurrent;
using System.Text;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Observability;

/// <summary>W3C trace context through the gateway, trace ids in its log lines, and OTLP export when configured.</summary>
public sealed class TracingTests
{
    private const string ClientTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ClientSpanId = "00f067aa0ba902b7";
    private const string ClientTraceparent = "00-" + ClientTraceId + "-" + ClientSpanId + "-01";

    [Fact]
    public async Task Traceparent_FromClient_ReachesDownstreamWithSameTraceIdAndTheGatewayAsParent()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/traced", "/traced")));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/traced");
        request.Headers.Add("traceparent", ClientTraceparent);
        await gateway.Client.SendAsync(request);

        var forwarded = Traceparent.Parse(Assert.Single(stub.Received).Headers["traceparent"]);
        Assert.Equal(ClientTraceId, forwarded.TraceId);
        Assert.NotEqual(ClientSpanId, forwarded.ParentSpanId);
        Assert.Matches("^[0-9a-f]{16}$", forwarded.ParentSpanId);
    }

    [Fact]
    public async Task WithoutTraceparent_DownstreamStillGetsANewTrace()
    {
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(Routes(Route(stub, "/traced", "/traced")));

        await gateway.Client.GetAsync("/traced");

        var forwarded = Traceparent.Parse(Assert.Single(stub.Received).Headers["traceparent"]);
        Assert.Matches("^[0-9a-f]{32}$", forwarded.TraceId);
        Assert.NotEqual(new string('0', 32), forwarded.TraceId);
    }

    [Fact]
    public async Task LogLines_OfATracedRequest_CarryTheClientsTraceId()
    {
        var logs = new CapturingLoggerProvider();
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/traced", "/traced", new { Key = "traced" })),
            o => o.Logs = logs);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/traced");
        request.Headers.Add("traceparent", ClientTraceparent);
        await gateway.Client.SendAsync(request);
        await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.EventId == 1000), TimeSpan.FromSeconds(5), "request line logged");

        var requestLines = logs.Entries.Where(e => e.Properties.GetValueOrDefault("RouteKey") == "traced").ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, line =>
        {
            Assert.Equal(ClientTraceId, line.Properties.GetValueOrDefault("TraceId"));
            Assert.Matches("^[0-9a-f]{16}$", line.Properties.GetValueOrDefault("SpanId") ?? string.Empty);
        });
    }

    [Fact]
    public async Task OtlpEndpoint_Configured_ExportsTheGatewayHopSpanWithRouteTagsOverHttpProtobuf()
    {
        var exports = new ConcurrentQueue<(string? ContentType, byte[] Body)>();
        await using var collector = await DownstreamStub.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            exports.Enqueue((context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = 200;
        });
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(
            Routes(Route(stub, "/exported/{id}", "/items/{id}", new { Key = "exported-route" })),
            o =>
            {
                o.Settings["Gateway:Tracing:OtlpEndpoint"] = collector.Address;
                o.Settings["Gateway:Tracing:ServiceName"] = "gateway-under-test";
                o.Settings["OTEL_BSP_SCHEDULE_DELAY"] = "100";
            });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/exported/7");
        request.Headers.Add("traceparent", ClientTraceparent);
        await gateway.Client.SendAsync(request);
        var traceId = Convert.FromHexString(ClientTraceId);
        await Eventually.HoldsAsync(
            () => exports.Any(e => Contains(e.Body, Encoding.UTF8.GetBytes("exported-route")) && Contains(e.Body, traceId)),
            TimeSpan.FromSeconds(10),
            "an OTLP export with the gateway hop span of the request");

        var export = exports.First(e => Contains(e.Body, Encoding.UTF8.GetBytes("exported-route")));
        Assert.All(collector.Received, r => Assert.Equal(("POST", "/v1/traces"), (r.Method, r.Path)));
        Assert.Equal("application/x-protobuf", export.ContentType);
        foreach (var expected in new[] { "gateway exported-route", "gateway.upstream.template", "/exported/{id}", "gateway.downstream.host", "127.0.0.1:" + stub.Port, "gateway-under-test" })
        {
            Assert.True(Contains(export.Body, Encoding.UTF8.GetBytes(expected)), $"OTLP body lacks '{expected}'");
        }
    }

    [Fact]
    public async Task OtlpEndpoint_Aggregate_ExportsASubRequestSpanPerPart()
    {
        var exports = new ConcurrentQueue<byte[]>();
        await using var collector = await DownstreamStub.StartAsync(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            exports.Enqueue(body.ToArray());
            context.Response.StatusCode = 200;
        });
        await using var stub = await DownstreamStub.StartAsync();
        await using var gateway = await GatewayInstance.StartAsync(
            System.Text.Json.JsonSerializer.Serialize(new
            {
                Routes = new[]
                {
                    Route(stub, "/quote/{id}", "/quote/{id}", new { Key = "quote-part" }),
                    Route(stub, "/rating/{id}", "/rating/{id}", new { Key = "rating-part" }),
                },
                Aggregates = new[] { new { RouteKeys = new[] { "quote-part", "rating-part" }, UpstreamPathTemplate = "/overview/{id}" } },
            }),
            o =>
            {
                o.Settings["Gateway:Tracing:OtlpEndpoint"] = collector.Address;
                o.Settings["OTEL_BSP_SCHEDULE_DELAY"] = "100";
            });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/overview/7");
        request.Headers.Add("traceparent", ClientTraceparent);
        var response = await gateway.Client.SendAsync(request);
        var traceId = Convert.FromHexString(ClientTraceId);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        foreach (var part in new[] { "gateway sub-request quote-part", "gateway sub-request rating-part" })
        {
            await Eventually.HoldsAsync(
                () => exports.Any(e => Contains(e, Encoding.UTF8.GetBytes(part)) && Contains(e, traceId)),
                TimeSpan.FromSeconds(10),
                "an OTLP export with the span " + part);
        }
    }

    [Fact]
    public async Task OtlpEndpoint_NotAUrl_StopsStartUpWithTheSettingNamed()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => GatewayInstance.StartAsync(
            Routes(),
            o => o.Settings["Gateway:Tracing:OtlpEndpoint"] = "collector:4318"));

        Assert.Contains("Gateway:Tracing:OtlpEndpoint", failure.Message, StringComparison.Ordinal);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private sealed record Traceparent(string TraceId, string ParentSpanId)
    {
        public static Traceparent Parse(string header)
        {
            var parts = header.Split('-');
            Assert.Equal(4, parts.Length);
            return new Traceparent(parts[1], parts[2]);
        }
    }
}
