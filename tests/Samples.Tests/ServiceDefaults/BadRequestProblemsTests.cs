using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using Esg.Api;
using Finance.Api;
using Samples.Tests.Infrastructure;
using Stock.Api;

namespace Samples.Tests.ServiceDefaults;

/// <summary>Requests the framework cannot bind get a 400 problem naming the field and the value at fault, never a bare "Bad Request".</summary>
public sealed class BadRequestProblemsTests
{
    [Fact]
    public async Task MalformedJson_Returns400NamingThePlaceInTheBody()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var response = await app.Client.PostAsync("/api/stocks", Json("{\"symbol\":"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["symbol"], Problem.ErrorFields(problem));
        Assert.Contains("not valid JSON at $.symbol (line 1, position 11)", Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongJsonType_Returns400NamingTheField()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var response = await app.Client.PostAsync("/api/stocks", Json("{\"symbol\":\"X\",\"price\":\"cheap\"}"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["price"], Problem.ErrorFields(problem));
        Assert.Contains("$.price", Detail(problem), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingBody_Returns400SayingABodyIsRequired()
    {
        await using var app = await SampleApp.StartAsync(FinanceApi.Build);

        using var response = await app.Client.PostAsync("/api/statements", content: null);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["body"], Problem.ErrorFields(problem));
        Assert.Equal("A JSON request body is required.", Detail(problem));
    }

    [Fact]
    public async Task UnparsableQueryValues_Return400NamingParameterValueAndExpectedForm()
    {
        await using var esg = await SampleApp.StartAsync(EsgApi.Build);
        await using var finance = await SampleApp.StartAsync(FinanceApi.Build);

        using var minTotal = await esg.Client.GetAsync("/api/scores?minTotal=high");
        using var fiscalYear = await finance.Client.GetAsync("/api/statements?fiscalYear=2024.5");

        var scores = await Problem.ReadAsync(minTotal, HttpStatusCode.BadRequest);
        var statements = await Problem.ReadAsync(fiscalYear, HttpStatusCode.BadRequest);
        Assert.Equal(["minTotal"], Problem.ErrorFields(scores));
        Assert.Equal("'high' is not a valid value for minTotal: expected a number.", Detail(scores));
        Assert.Equal(["fiscalYear"], Problem.ErrorFields(statements));
        Assert.Equal("'2024.5' is not a valid value for fiscalYear: expected a whole number.", Detail(statements));
    }

    [Fact]
    public async Task AnyNonIntegerPage_Returns400EchoingExactlyThatValue()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);
        var notAnInteger = Gen.String[Gen.Char["abcxyzABCXYZ0123456789-.,+ '\"%&=é_"], 1, 40]
            .Where(s => !string.IsNullOrWhiteSpace(s) && !int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));

        await notAnInteger.SampleAsync(
            async value =>
            {
                using var response = await app.Client.GetAsync("/api/stocks?page=" + Uri.EscapeDataString(value));
                var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
                Assert.Equal(["page"], Problem.ErrorFields(problem));
                Assert.Equal($"'{value}' is not a valid value for page: expected a whole number.", Detail(problem));
            },
            seed: "0N0XIzNsQ0O2",
            iter: 300,
            threads: 1);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string? Detail(JsonElement problem) => problem.GetProperty("detail").GetString();
}
