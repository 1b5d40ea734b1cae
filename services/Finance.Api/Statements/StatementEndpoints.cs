using Samples.ServiceDefaults.Data;
using Samples.ServiceDefaults.Http;

namespace Finance.Api.Statements;

/// <summary>
/// <c>/api/statements</c>: list (paged, filtered), get, create, update, delete; ids are <c>{symbol}-{fiscalYear}</c>. Errors are
/// problem+json: 400 malformed input, 404 unknown id, 409 statement already filed, 422 business rule (inconsistent figures,
/// fiscal year not begun).
/// </summary>
internal static class StatementEndpoints
{
    private const string Tag = "Statements";

    public static IEndpointRouteBuilder MapStatementEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var statements = endpoints.MapGroup("/api/statements").WithTags(Tag);

        statements.MapGet("/", List)
            .WithName("ListStatements")
            .WithSummary("List financial statements")
            .WithDescription("Ordered by id (symbol, then fiscal year). Filters combine: symbol and currency match exactly (any case), fiscalYear exactly.")
            .Produces<PagedResult<FinancialStatement>>()
            .ProducesValidationProblem();

        statements.MapGet("/{id}", Get)
            .WithName("GetStatement")
            .WithSummary("Get one statement by id, e.g. MSFT-2024")
            .Produces<FinancialStatement>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        statements.MapPost("/", Create)
            .WithName("CreateStatement")
            .WithSummary("File a statement for a company's fiscal year")
            .Accepts<CreateStatementRequest>("application/json")
            .Produces<FinancialStatement>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        statements.MapPut("/{id}", Update)
            .WithName("UpdateStatement")
            .WithSummary("Restate a statement's figures")
            .Accepts<UpdateStatementRequest>("application/json")
            .Produces<FinancialStatement>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        statements.MapDelete("/{id}", Delete)
            .WithName("DeleteStatement")
            .WithSummary("Withdraw a statement")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static IResult List(InMemoryStore<FinancialStatement> store, int? page, int? pageSize, string? symbol, int? fiscalYear, string? currency)
    {
        var errors = new ValidationErrors();
        var (pageNumber, size) = Paging.Read(page, pageSize, errors);
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var matches = store.Query(s =>
            (string.IsNullOrWhiteSpace(symbol) || s.Symbol.Equals(symbol.Trim(), StringComparison.OrdinalIgnoreCase))
            && (fiscalYear is null || s.FiscalYear == fiscalYear)
            && (string.IsNullOrWhiteSpace(currency) || s.Currency.Equals(currency.Trim(), StringComparison.OrdinalIgnoreCase)));
        return Results.Ok(Paging.Paginate(matches, pageNumber, size));
    }

    private static IResult Get(InMemoryStore<FinancialStatement> store, string id) =>
        store.Find(id) is { } statement ? Results.Ok(statement) : ApiProblems.NotFound("statement", id);

    private static IResult Create(InMemoryStore<FinancialStatement> store, TimeProvider time, CreateStatementRequest request)
    {
        var errors = new ValidationErrors();
        var (symbol, year) = StatementRules.Key(request.Symbol, request.FiscalYear, errors);
        var figures = new UpdateStatementRequest(
            request.Currency, request.Revenue, request.GrossProfit, request.OperatingIncome, request.NetIncome, request.Eps,
            request.TotalAssets, request.TotalLiabilities, request.OperatingCashFlow);
        var statement = StatementRules.Statement(symbol, year, figures, errors);
        if (statement is null)
        {
            return errors.ToProblem();
        }

        StatementRules.CheckBusinessRules(statement, time.GetUtcNow().Year, errors);
        if (errors.HasErrors)
        {
            return errors.ToBusinessRuleProblem();
        }

        return store.TryAdd(statement)
            ? Results.Created($"/api/statements/{Uri.EscapeDataString(statement.Id)}", statement)
            : ApiProblems.Conflict("statement", statement.Id);
    }

    private static IResult Update(InMemoryStore<FinancialStatement> store, TimeProvider time, string id, UpdateStatementRequest request)
    {
        if (store.Find(id) is not { } existing)
        {
            return ApiProblems.NotFound("statement", id);
        }

        var errors = new ValidationErrors();
        var statement = StatementRules.Statement(existing.Symbol, existing.FiscalYear, request, errors);
        if (statement is null)
        {
            return errors.ToProblem();
        }

        StatementRules.CheckBusinessRules(statement, time.GetUtcNow().Year, errors);
        if (errors.HasErrors)
        {
            return errors.ToBusinessRuleProblem();
        }

        var updated = store.Update(id, _ => statement);
        return updated is null ? ApiProblems.NotFound("statement", id) : Results.Ok(updated);
    }

    private static IResult Delete(InMemoryStore<FinancialStatement> store, string id) =>
        store.Remove(id) ? Results.NoContent() : ApiProblems.NotFound("statement", id);
}
