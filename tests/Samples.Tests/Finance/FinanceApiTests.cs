using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Finance.Api;
using Samples.Tests.Infrastructure;

namespace Samples.Tests.Finance;

public sealed class FinanceApiTests
{
    private static readonly object Figures = new
    {
        currency = "USD",
        revenue = 100_000m,
        grossProfit = 60_000m,
        operatingIncome = 30_000m,
        netIncome = 20_000m,
        eps = 1.5m,
        totalAssets = 500_000m,
        totalLiabilities = 200_000m,
        operatingCashFlow = 25_000m,
    };

    [Fact]
    public async Task List_PagingAndFilters_ReturnOnlyMatchesOrderedById()
    {
        await using var app = await SampleApp.StartAsync(FinanceApi.Build);

        var page = await app.GetJsonAsync("/api/statements?page=1&pageSize=3");
        var msft = await app.GetJsonAsync("/api/statements?symbol=msft");
        var eur2024 = await app.GetJsonAsync("/api/statements?fiscalYear=2024&currency=EUR");

        Assert.Equal(["AAPL-2023", "AAPL-2024", "AMZN-2023"], Ids(page));
        Assert.Equal(14, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(["MSFT-2023", "MSFT-2024"], Ids(msft));
        Assert.Equal(["SAP-2024"], Ids(eur2024));
    }

    [Fact]
    public async Task Get_ById_ReturnsTheYearsFigures_UnknownIs404ProblemJson()
    {
        await using var app = await SampleApp.StartAsync(FinanceApi.Build);

        var statement = await app.GetJsonAsync("/api/statements/MSFT-2024");
        using var missing = await app.Client.GetAsync("/api/statements/MSFT-1999");

        Assert.Equal(2024, statement.GetProperty("fiscalYear").GetInt32());
        Assert.Equal(245_122_000_000m, statement.GetProperty("revenue").GetDecimal());
        await Problem.ReadAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_Valid_Returns201WithLocation_ThenGetReturnsIt()
    {
        await using var app = await SampleApp.StartAsync(FinanceApi.Build);

        using var created = await app.Client.PostAsJsonAsync("/api/statements", Create("tsla", 2024));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/statements/TSLA-2024", created.Headers.Location?.OriginalString);
        var fetched = await app.GetJsonAsync("/api/statements/TSLA-2024");
        Assert.Equal("TSLA", fetched.GetProperty("symbol").GetString());
        Assert.Equal(20_000m, fetched.GetProperty("netIncome").GetDecimal());
    }

    [Fact]
    public async Task Create_Invalid_Returns400WithEveryFieldAtFault()
    {
        await using var app = await SampleApp.StartAsync(FinanceApi.Build);

        using var response = await app.Client.PostAsJsonAsync("/api/statements", new { symbol = "TSLA", fiscalYear = 1800, currency = "usd1", revenue = -5m });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            ["currency", "eps", "fiscalYear", "grossProfit", "netIncome", "operatingCashFlow", "operatingIncome", "revenue", "totalAssets", "totalLiabilities"],
            Problem.ErrorFields(problem));
    }

    [Fact]
    public async Task Create_GrossProfitAboveRevenue_Returns422()
    {
        await using var app = await SampleApp.StartAsync(FinanceApi.Build);

        using var response = await app.Client.PostAsJsonAsync("/api/statements", new
        {
            symbol = "TSLA", fiscalYear = 2024, currency = "USD", revenue = 100m, grossProfit = 150m, operatingIncome = 10m, netIncome = 5m, eps = 0.1m,
            totalAssets = 10m, totalLiabilities = 5m, operatingCashFlow = 3m,
        });

        Assert.Equal(["grossProfit"], Problem.ErrorFields(await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/statements/TSLA-2024")).StatusCode);
    }

    [Fact]
    public async Task Create_AlreadyFiled_Returns409()
    {
        await using var app = await SampleApp.StartAsync(FinanceApi.Build);

        using var response = await app.Client.PostAsJsonAsync("/api/statements", Create("MSFT", 2024));

        await Problem.ReadAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Update_Existing_Returns200_KeepsIdentity_AndGetShowsTheChange()
    {
        await using var app = await SampleApp.StartAsync(FinanceApi.Build);

        using var response = await app.Client.PutAsJsonAsync("/api/statements/msft-2024", Figures);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fetched = await app.GetJsonAsync("/api/statements/MSFT-2024");
        Assert.Equal("MSFT-2024", fetched.GetProperty("id").GetString());
        Assert.Equal(100_000m, fetched.GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task Delete_Existing_Returns204_ThenGetReturns404()
    {
        await using var app = await SampleApp.StartAsync(FinanceApi.Build);

        using var deleted = await app.Client.DeleteAsync("/api/statements/SAP-2023");
        using var fetched = await app.Client.GetAsync("/api/statements/SAP-2023");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problem.ReadAsync(fetched, HttpStatusCode.NotFound);
    }

    private static Dictionary<string, object> Create(string symbol, int fiscalYear)
    {
        var body = JsonSerializer.SerializeToElement(Figures).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        body["symbol"] = symbol;
        body["fiscalYear"] = fiscalYear;
        return body;
    }

    private static string[] Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();
}
