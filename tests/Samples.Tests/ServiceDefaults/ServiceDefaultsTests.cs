using System.Net;
using System.Text.Json;
using Esg.Api;
using Finance.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Samples.Tests.Infrastructure;
using Stock.Api;

namespace Samples.Tests.ServiceDefaults;

/// <summary>What every sample gets from the shared set-up: health endpoints, an OpenAPI document, start-up validation.</summary>
public sealed class ServiceDefaultsTests
{
    public static TheoryData<string> Services => new() { "stock", "esg", "finance" };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task HealthEndpoints_RunningService_Answer200Healthy(string service)
    {
        await using var app = await SampleApp.StartAsync(Builder(service));

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            using var response = await app.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("stock", "Stock API", "/api/stocks", "/api/stocks/{symbol}", "ListStocks,CreateStock,GetStock,UpdateStock,DeleteStock")]
    [InlineData("esg", "ESG API", "/api/scores", "/api/scores/{symbol}", "ListScores,CreateScore,GetScore,UpdateScore,DeleteScore")]
    [InlineData("finance", "Finance API", "/api/statements", "/api/statements/{id}", "ListStatements,CreateStatement,GetStatement,UpdateStatement,DeleteStatement")]
    public async Task OpenApiDocument_IsServed_WithPathsOperationIdsAndResponses(string service, string title, string collection, string item, string operationIds)
    {
        await using var app = await SampleApp.StartAsync(Builder(service));

        var document = await app.GetJsonAsync("/openapi/v1.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(title, document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths");
        Assert.Equal([collection, item], paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var operations = paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).ToList();
        Assert.Equal(operationIds.Split(',').Order(StringComparer.Ordinal), operations.Select(o => o.Value.GetProperty("operationId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty(o.Value.GetProperty("summary").GetString())));
        var post = paths.GetProperty(collection).GetProperty("post");
        Assert.Equal(["201", "400", "409", "422"], post.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(paths.GetProperty(item).GetProperty("get").GetProperty("responses").TryGetProperty("404", out var notFound));
        Assert.True(notFound.GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task StartAsync_InvalidConsulSettings_FailsNamingEveryKey()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            SampleApp.StartAsync(StockApi.Build, "--Consul:Address=consul:8500", "--Consul:ServicePort=70000", "--Consul:CheckInterval=00:00:00"));

        Assert.Contains(failure.Failures, f => f.Contains("Consul:Address", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("Consul:ServicePort", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("Consul:CheckInterval", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnhandledError_Returns500ProblemWithoutExceptionDetails()
    {
        await using var app = await SampleApp.StartAsync(args =>
        {
            var web = StockApi.Build(args);
            web.MapGet("/boom", string () => throw new InvalidOperationException("secret internals"));
            return web;
        });

        using var response = await app.Client.GetAsync("/boom");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("secret internals", problem.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", problem.GetRawText(), StringComparison.Ordinal);
    }

    private static Func<string[], WebApplication> Builder(string service) => service switch
    {
        "stock" => StockApi.Build,
        "esg" => EsgApi.Build,
        _ => FinanceApi.Build,
    };
}
