using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Tests.Infrastructure;
using Stock.Api;

namespace Samples.Tests.Stock;

public sealed class StockApiTests
{
    private static readonly object Adobe = new
    {
        symbol = "adbe",
        name = "Adobe Inc.",
        sector = "Technology",
        exchange = "NASDAQ",
        price = 512.30m,
        currency = "USD",
        marketCap = 227_000_000_000m,
    };

    [Fact]
    public async Task List_PageAndPageSize_ReturnsThatSliceOrderedBySymbol()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        var first = await app.GetJsonAsync("/api/stocks?page=1&pageSize=5");
        var second = await app.GetJsonAsync("/api/stocks?page=2&pageSize=5");

        Assert.Equal(["AAPL", "AMZN", "ASML", "AZN", "GOOGL"], Symbols(first));
        Assert.Equal(5, Symbols(second).Length);
        Assert.Empty(Symbols(first).Intersect(Symbols(second)));
        Assert.Equal(20, first.GetProperty("totalCount").GetInt32());
        Assert.Equal(4, first.GetProperty("totalPages").GetInt32());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task List_SectorAndQueryFilters_ReturnOnlyMatches()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        var technology = await app.GetJsonAsync("/api/stocks?sector=technology");
        var byName = await app.GetJsonAsync("/api/stocks?q=micro");
        var xetraTech = await app.GetJsonAsync("/api/stocks?sector=Technology&exchange=XETRA");

        Assert.Equal(["AAPL", "ASML", "MSFT", "NVDA", "SAP"], Symbols(technology));
        Assert.Equal(["MSFT"], Symbols(byName));
        Assert.Equal(["SAP"], Symbols(xetraTech));
    }

    [Fact]
    public async Task List_PageSizeOutOfRange_Returns400NamingIt()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var response = await app.Client.GetAsync("/api/stocks?page=0&pageSize=1000");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["page", "pageSize"], Problem.ErrorFields(problem));
    }

    [Fact]
    public async Task Get_KnownSymbol_ReturnsItAnyCase()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        var msft = await app.GetJsonAsync("/api/stocks/msft");

        Assert.Equal("MSFT", msft.GetProperty("symbol").GetString());
        Assert.Equal("Microsoft Corporation", msft.GetProperty("name").GetString());
        Assert.Equal("USD", msft.GetProperty("currency").GetString());
        Assert.True(msft.GetProperty("price").GetDecimal() > 0);
    }

    [Fact]
    public async Task Get_UnknownSymbol_Returns404ProblemJson()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var response = await app.Client.GetAsync("/api/stocks/NOPE");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("NOPE", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Valid_Returns201WithLocation_ThenGetReturnsIt()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var created = await app.Client.PostAsJsonAsync("/api/stocks", Adobe);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/stocks/ADBE", created.Headers.Location?.OriginalString);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ADBE", body.GetProperty("symbol").GetString());
        var fetched = await app.GetJsonAsync(created.Headers.Location!.OriginalString);
        Assert.Equal("Adobe Inc.", fetched.GetProperty("name").GetString());
        Assert.Equal(512.30m, fetched.GetProperty("price").GetDecimal());
        Assert.Equal(21, (await app.GetJsonAsync("/api/stocks")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Create_Invalid_Returns400WithEveryFieldAtFault()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var response = await app.Client.PostAsJsonAsync("/api/stocks", new { symbol = "BAD SYMBOL", name = "", price = -1m, currency = "DOLLARS" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["currency", "exchange", "marketCap", "name", "price", "sector", "symbol"], Problem.ErrorFields(problem));
        Assert.Equal(20, (await app.GetJsonAsync("/api/stocks")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Create_MalformedJson_Returns400Problem()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var response = await app.Client.PostAsync("/api/stocks", new StringContent("{\"symbol\":", System.Text.Encoding.UTF8, "application/json"));

        await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Create_ExistingSymbol_Returns409()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var response = await app.Client.PostAsJsonAsync("/api/stocks", new
        {
            symbol = "MSFT", name = "Another", sector = "Technology", exchange = "NASDAQ", price = 1m, currency = "USD", marketCap = 1m,
        });

        await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Microsoft Corporation", (await app.GetJsonAsync("/api/stocks/MSFT")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_CurrencyTheExchangeDoesNotTradeIn_Returns422()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var response = await app.Client.PostAsJsonAsync("/api/stocks", new
        {
            symbol = "ADBE", name = "Adobe Inc.", sector = "Technology", exchange = "NASDAQ", price = 512m, currency = "EUR", marketCap = 1m,
        });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["currency"], Problem.ErrorFields(problem));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/stocks/ADBE")).StatusCode);
    }

    [Fact]
    public async Task Update_Existing_Returns200_AndGetShowsTheChange()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var response = await app.Client.PutAsJsonAsync("/api/stocks/MSFT", new
        {
            name = "Microsoft Corp.", sector = "Technology", exchange = "NASDAQ", price = 430.5m, currency = "USD", marketCap = 3_200_000_000_000m,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fetched = await app.GetJsonAsync("/api/stocks/MSFT");
        Assert.Equal("Microsoft Corp.", fetched.GetProperty("name").GetString());
        Assert.Equal(430.5m, fetched.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task Update_UnknownSymbol_Returns404()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var response = await app.Client.PutAsJsonAsync("/api/stocks/NOPE", new
        {
            name = "Nope", sector = "Technology", exchange = "NASDAQ", price = 1m, currency = "USD", marketCap = 1m,
        });

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_Existing_Returns204_ThenGetReturns404()
    {
        await using var app = await SampleApp.StartAsync(StockApi.Build);

        using var deleted = await app.Client.DeleteAsync("/api/stocks/TSLA");
        using var again = await app.Client.DeleteAsync("/api/stocks/TSLA");
        using var fetched = await app.Client.GetAsync("/api/stocks/TSLA");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problem.ReadAsync(again, HttpStatusCode.NotFound);
        await Problem.ReadAsync(fetched, HttpStatusCode.NotFound);
    }

    private static string[] Symbols(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("symbol").GetString()!).ToArray();
}
