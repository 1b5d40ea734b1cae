using Samples.ServiceDefaults.Data;
using Samples.ServiceDefaults.Http;

namespace Stock.Api.Stocks;

/// <summary>
/// <c>/api/stocks</c>: list (paged, filtered), get, create, update, delete. Errors are problem+json: 400 malformed input,
/// 404 unknown symbol, 409 symbol already listed, 422 business rule (currency of a known exchange).
/// </summary>
internal static class StockEndpoints
{
    private const string Tag = "Stocks";

    public static IEndpointRouteBuilder MapStockEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var stocks = endpoints.MapGroup("/api/stocks").WithTags(Tag);

        stocks.MapGet("/", List)
            .WithName("ListStocks")
            .WithSummary("List equities")
            .WithDescription("Ordered by symbol. Filters combine: sector and exchange match exactly (any case), q searches symbol and name.")
            .Produces<PagedResult<StockQuote>>()
            .ProducesValidationProblem();

        stocks.MapGet("/{symbol}", Get)
            .WithName("GetStock")
            .WithSummary("Get one equity by symbol")
            .Produces<StockQuote>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        stocks.MapPost("/", Create)
            .WithName("CreateStock")
            .WithSummary("List a new equity")
            .Accepts<CreateStockRequest>("application/json")
            .Produces<StockQuote>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        stocks.MapPut("/{symbol}", Update)
            .WithName("UpdateStock")
            .WithSummary("Replace an equity's details")
            .Accepts<UpdateStockRequest>("application/json")
            .Produces<StockQuote>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        stocks.MapDelete("/{symbol}", Delete)
            .WithName("DeleteStock")
            .WithSummary("Delist an equity")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static IResult List(InMemoryStore<StockQuote> store, int? page, int? pageSize, string? sector, string? exchange, string? q)
    {
        var errors = new ValidationErrors();
        var (pageNumber, size) = Paging.Read(page, pageSize, errors);
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var matches = store.Query(s =>
            (string.IsNullOrWhiteSpace(sector) || s.Sector.Equals(sector.Trim(), StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrWhiteSpace(exchange) || s.Exchange.Equals(exchange.Trim(), StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrWhiteSpace(q)
                || s.Symbol.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)
                || s.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)));
        return Results.Ok(Paging.Paginate(matches, pageNumber, size));
    }

    private static IResult Get(InMemoryStore<StockQuote> store, string symbol) =>
        store.Find(symbol) is { } quote ? Results.Ok(quote) : ApiProblems.NotFound("stock", symbol);

    private static IResult Create(InMemoryStore<StockQuote> store, CreateStockRequest request)
    {
        var errors = new ValidationErrors();
        var symbol = StockRules.Symbol(request.Symbol, errors);
        var quote = StockRules.Quote(symbol, request.Name, request.Sector, request.Exchange, request.Price, request.Currency, request.MarketCap, errors);
        if (quote is null)
        {
            return errors.ToProblem();
        }

        StockRules.CheckBusinessRules(quote, errors);
        if (errors.HasErrors)
        {
            return errors.ToBusinessRuleProblem();
        }

        return store.TryAdd(quote)
            ? Results.Created($"/api/stocks/{Uri.EscapeDataString(quote.Symbol)}", quote)
            : ApiProblems.Conflict("stock", quote.Symbol);
    }

    private static IResult Update(InMemoryStore<StockQuote> store, string symbol, UpdateStockRequest request)
    {
        var errors = new ValidationErrors();
        var quote = StockRules.Quote(symbol.ToUpperInvariant(), request.Name, request.Sector, request.Exchange, request.Price, request.Currency, request.MarketCap, errors);
        if (quote is null)
        {
            return errors.ToProblem();
        }

        StockRules.CheckBusinessRules(quote, errors);
        if (errors.HasErrors)
        {
            return errors.ToBusinessRuleProblem();
        }

        var updated = store.Update(symbol, current => quote with { Symbol = current.Symbol });
        return updated is null ? ApiProblems.NotFound("stock", symbol) : Results.Ok(updated);
    }

    private static IResult Delete(InMemoryStore<StockQuote> store, string symbol) =>
        store.Remove(symbol) ? Results.NoContent() : ApiProblems.NotFound("stock", symbol);
}
