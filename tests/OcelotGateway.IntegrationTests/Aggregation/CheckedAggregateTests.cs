using System.Net;
using System.Text;
using System.Text.Json;
using OcelotGateway.Aggregation;
using OcelotGateway.IntegrationTests.Infrastructure;
using static OcelotGateway.IntegrationTests.Aggregation.AggregateJson;
using static OcelotGateway.IntegrationTests.Infrastructure.OcelotJson;

namespace OcelotGateway.IntegrationTests.Aggregation;

/// <summary>Our <c>RouteKeysOptional</c> extension and custom aggregators.</summary>
public sealed class CheckedAggregateTests
{
    [Fact]
    public async Task OptionalPartFails_NullAndErrorsEntry_LoggedWithEveryPartStatus()
    {
        var logs = new CapturingLoggerProvider();
        await using var stock = await DownstreamStub.StartAsync(Answer("""{"symbol":"ACME"}"""));
        await using var esg = await DownstreamStub.StartAsync(Answer("AA", "text/plain"));
        await using var recommendations = await DownstreamStub.StartAsync(Answer("boom", "text/plain", 500));
        await using var gateway = await GatewayInstance.StartAsync(
            Portfolio(stock, esg, recommendations, optional: ["esg", "recommendations"]),
            o => o.Logs = logs);

        var response = await gateway.Client.GetAsync("/portfolio/ACME");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"stock":{"symbol":"ACME"},"esg":"AA","recommendations":null,"errors":[{"key":"recommendations","status":500,"title":"Internal Server Error"}]}""",
            await response.Content.ReadAsStringAsync());
        // The line is written once the response is on its way, so it may land just after the client has it.
        await Eventually.HoldsAsync(() => logs.Entries.Any(e => e.EventId == 1500), TimeSpan.FromSeconds(5), "the aggregate's log line");
        var line = Assert.Single(logs.Entries, e => e.EventId == 1500);
        Assert.Equal("stock=200 esg=200 recommendations=500", line.Properties["Parts"]);
        Assert.Equal("200", line.Properties["StatusCode"]);
    }

    [Fact]
    public async Task OptionalPartUnreachable_NullWithGatewayStatus()
    {
        await using var stock = await DownstreamStub.StartAsync(Answer("""{"symbol":"ACME"}"""));
        await using var esg = await DownstreamStub.StartAsync(Answer("""{"score":1}"""));
        var closed = await DownstreamStub.StartAsync();
        await closed.DisposeAsync();
        await using var gateway = await GatewayInstance.StartAsync(Portfolio(stock, esg, closed, optional: ["recommendations"]));

        var body = await gateway.Client.GetStringAsync("/portfolio/ACME");

        Assert.Equal(
            """{"stock":{"symbol":"ACME"},"esg":{"score":1},"recommendations":null,"errors":[{"key":"recommendations","status":502,"title":"Bad Gateway"}]}""",
            body);
    }

    [Theory]
    [InlineData(500, HttpStatusCode.BadGateway)]
    [InlineData(503, HttpStatusCode.BadGateway)]
    [InlineData(404, HttpStatusCode.NotFound)]
    public async Task RequiredPartFails_AggregateFailsWithProblem(int downstreamStatus, HttpStatusCode expected)
    {
        await using var stock = await DownstreamStub.StartAsync(Answer("{}", "application/json", downstreamStatus));
        await using var esg = await DownstreamStub.StartAsync(Answer("""{"score":1}"""));
        await using var recommendations = await DownstreamStub.StartAsync(Answer("[]"));
        await using var gateway = await GatewayInstance.StartAsync(Portfolio(stock, esg, recommendations, optional: ["recommendations"]));

        var response = await gateway.Client.GetAsync("/portfolio/ACME");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("'stock'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomAggregator_RegisteredByName_DecidesTheResponse()
    {
        await using var stock = await DownstreamStub.StartAsync(Answer("""{"symbol":"ACME"}"""));
        await using var esg = await DownstreamStub.StartAsync(Answer("nope", "text/plain", 404));
        await using var gateway = await GatewayInstance.StartAsync(
            WithAggregates(
                [Route(stock, "/stock/{symbol}", "/api/stocks/{symbol}", new { Key = "stock" }), Route(esg, "/esg/{symbol}", "/api/scores/{symbol}", new { Key = "esg" })],
                new { UpstreamPathTemplate = "/summary/{symbol}", RouteKeys = new[] { "stock", "esg" }, Aggregator = "StatusLine" }),
            o => o.ConfigureServices = services => services.AddGatewayAggregator<StatusLineAggregator>("StatusLine"));

        var response = await gateway.Client.GetAsync("/summary/ACME");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2", response.Headers.GetValues("X-Parts").Single());
        Assert.Equal("stock:200:{\"symbol\":\"ACME\"} esg:404:nope", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PartTimesOut_OptionalIsNullWith504_RequiredFailsAggregateWith504()
    {
        await using var stock = await DownstreamStub.StartAsync(Answer("""{"symbol":"ACME"}"""));
        await using var esg = await DownstreamStub.StartAsync(Answer("""{"score":1}"""));
        await using var recommendations = await DownstreamStub.StartAsync(NeverAnswerAsync);
        var routes = new[]
        {
            Route(stock, "/stocks/{symbol}", "/api/stocks/{symbol}", new { Key = "stock", QoSOptions = new { Timeout = 300 } }),
            Route(esg, "/esg/{symbol}", "/api/scores/{symbol}", new { Key = "esg" }),
            Route(recommendations, "/recommendations/{symbol}", "/api/recommendations/{symbol}", new { Key = "recommendations", QoSOptions = new { Timeout = 300 } }),
        };
        await using var gateway = await GatewayInstance.StartAsync(WithAggregates(
            routes,
            new { UpstreamPathTemplate = "/portfolio/{symbol}", RouteKeys = new[] { "stock", "esg", "recommendations" }, RouteKeysOptional = new[] { "recommendations" } }));

        var withoutRecommendations = await gateway.Client.GetStringAsync("/portfolio/ACME");
        stock.Handler = NeverAnswerAsync;
        var withoutStock = await gateway.Client.GetAsync("/portfolio/ACME");

        Assert.Equal(
            """{"stock":{"symbol":"ACME"},"esg":{"score":1},"recommendations":null,"errors":[{"key":"recommendations","status":504,"title":"Gateway Timeout"}]}""",
            withoutRecommendations);
        Assert.Equal(HttpStatusCode.GatewayTimeout, withoutStock.StatusCode);
        Assert.Equal("application/problem+json", withoutStock.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RouteTimeoutOfAPart_FailsOcelotStyleAggregateWith504()
    {
        await using var fast = await DownstreamStub.StartAsync(Answer("{}"));
        await using var slow = await DownstreamStub.StartAsync(NeverAnswerAsync);
        await using var gateway = await GatewayInstance.StartAsync(WithAggregates(
            [Route(fast, "/fast", "/fast", new { Key = "fast" }), Route(slow, "/slow", "/slow", new { Key = "slow", Timeout = 1 })],
            new { UpstreamPathTemplate = "/both", RouteKeys = new[] { "fast", "slow" } }));

        var response = await gateway.Client.GetAsync("/both");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CallerGoesAway_RunningPartsAreCancelled()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var slow = await DownstreamStub.StartAsync(async context =>
        {
            received.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
            }
        });
        await using var fast = await DownstreamStub.StartAsync(Answer("{}"));
        await using var gateway = await GatewayInstance.StartAsync(WithAggregates(
            [Route(slow, "/slow", "/slow", new { Key = "slow" }), Route(fast, "/fast", "/fast", new { Key = "fast" })],
            new { UpstreamPathTemplate = "/both", RouteKeys = new[] { "fast", "slow" } }));

        using var caller = new CancellationTokenSource();
        var call = gateway.Client.GetAsync("/both", caller.Token);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task NeverAnswerAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The gateway gave up on this call, which is what the test is about.
        }
    }

    private static string Portfolio(DownstreamStub stock, DownstreamStub esg, DownstreamStub recommendations, string[] optional) => WithAggregates(
        [
            Route(stock, "/stocks/{symbol}", "/api/stocks/{symbol}", new { Key = "stock" }),
            Route(esg, "/esg/{symbol}", "/api/scores/{symbol}", new { Key = "esg" }),
            Route(recommendations, "/recommendations/{symbol}", "/api/recommendations/{symbol}", new { Key = "recommendations" }),
        ],
        new { UpstreamPathTemplate = "/portfolio/{symbol}", RouteKeys = new[] { "stock", "esg", "recommendations" }, RouteKeysOptional = optional });

    private sealed class StatusLineAggregator : IGatewayAggregator
    {
        public Task<AggregateResponse> AggregateAsync(IReadOnlyList<AggregatePartResponse> parts, HttpContext context, CancellationToken cancellationToken)
        {
            var line = string.Join(' ', parts.Select(p => $"{p.RouteKey}:{p.StatusCode}:{p.ReadBodyAsString()}"));
            return Task.FromResult(new AggregateResponse(StatusCodes.Status200OK, "text/plain", Encoding.UTF8.GetBytes(line))
            {
                Headers = new Dictionary<string, string> { ["X-Parts"] = parts.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            });
        }
    }
}
