using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Esg.Api;
using Samples.Tests.Infrastructure;

namespace Samples.Tests.Esg;

public sealed class EsgApiTests
{
    [Fact]
    public async Task List_PagingAndFilters_ReturnOnlyMatchesOrderedBySymbol()
    {
        await using var app = await SampleApp.StartAsync(EsgApi.Build);

        var page = await app.GetJsonAsync("/api/scores?page=2&pageSize=4");
        var aaa = await app.GetJsonAsync("/api/scores?rating=aaa");
        var strongMsci = await app.GetJsonAsync("/api/scores?provider=MSCI&minTotal=70");

        Assert.Equal(["GOOGL", "JNJ", "JPM", "KO"], Symbols(page));
        Assert.Equal(17, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(5, page.GetProperty("totalPages").GetInt32());
        Assert.Equal(["MSFT", "SAP"], Symbols(aaa));
        Assert.Equal(["AAPL", "ASML", "MSFT", "NVDA"], Symbols(strongMsci));
    }

    [Fact]
    public async Task List_MinTotalOutOfRange_Returns400()
    {
        await using var app = await SampleApp.StartAsync(EsgApi.Build);

        using var response = await app.Client.GetAsync("/api/scores?minTotal=101");

        Assert.Equal(["minTotal"], Problem.ErrorFields(await Problem.ReadAsync(response, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task Get_UnknownSymbol_Returns404ProblemJson()
    {
        await using var app = await SampleApp.StartAsync(EsgApi.Build);

        using var response = await app.Client.GetAsync("/api/scores/NOPE");

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_WithoutRating_Returns201_TotalAndRatingDerived_ThenGetReturnsIt()
    {
        await using var app = await SampleApp.StartAsync(EsgApi.Build);

        using var created = await app.Client.PostAsJsonAsync("/api/scores", new
        {
            symbol = "PFE", company = "Pfizer Inc.", environmental = 70, social = 60, governance = 65, provider = "MSCI", asOf = "2025-06-30",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/scores/PFE", created.Headers.Location?.OriginalString);
        var fetched = await app.GetJsonAsync("/api/scores/PFE");
        Assert.Equal(65m, fetched.GetProperty("total").GetDecimal());
        Assert.Equal("A", fetched.GetProperty("rating").GetString());
        Assert.Equal("2025-06-30", fetched.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Create_Invalid_Returns400WithEveryFieldAtFault()
    {
        await using var app = await SampleApp.StartAsync(EsgApi.Build);

        using var response = await app.Client.PostAsJsonAsync("/api/scores", new { symbol = "PFE", environmental = 120, social = -1, rating = "Z" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["asOf", "company", "environmental", "governance", "provider", "rating", "social"], Problem.ErrorFields(problem));
    }

    [Fact]
    public async Task Create_RatingContradictsTotal_Returns422()
    {
        await using var app = await SampleApp.StartAsync(EsgApi.Build);

        using var response = await app.Client.PostAsJsonAsync("/api/scores", new
        {
            symbol = "PFE", company = "Pfizer Inc.", environmental = 40, social = 40, governance = 40, rating = "AAA", provider = "MSCI", asOf = "2025-06-30",
        });

        Assert.Equal(["rating"], Problem.ErrorFields(await Problem.ReadAsync(response, HttpStatusCode.UnprocessableEntity)));
    }

    [Fact]
    public async Task Create_AlreadyScored_Returns409()
    {
        await using var app = await SampleApp.StartAsync(EsgApi.Build);

        using var response = await app.Client.PostAsJsonAsync("/api/scores", new
        {
            symbol = "MSFT", company = "Microsoft", environmental = 50, social = 50, governance = 50, provider = "MSCI", asOf = "2025-06-30",
        });

        await Problem.ReadAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Update_Existing_Returns200_AndGetShowsTheChange()
    {
        await using var app = await SampleApp.StartAsync(EsgApi.Build);

        using var response = await app.Client.PutAsJsonAsync("/api/scores/TSLA", new
        {
            company = "Tesla, Inc.", environmental = 85, social = 55, governance = 50, provider = "MSCI", asOf = "2025-09-30",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fetched = await app.GetJsonAsync("/api/scores/TSLA");
        Assert.Equal(63.3m, fetched.GetProperty("total").GetDecimal());
        Assert.Equal("BBB", fetched.GetProperty("rating").GetString());
    }

    [Fact]
    public async Task Delete_Existing_Returns204_ThenGetReturns404()
    {
        await using var app = await SampleApp.StartAsync(EsgApi.Build);

        using var deleted = await app.Client.DeleteAsync("/api/scores/XOM");
        using var fetched = await app.Client.GetAsync("/api/scores/XOM");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problem.ReadAsync(fetched, HttpStatusCode.NotFound);
    }

    private static string[] Symbols(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("symbol").GetString()!).ToArray();
}
