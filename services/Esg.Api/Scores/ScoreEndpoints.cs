using Samples.ServiceDefaults.Data;
using Samples.ServiceDefaults.Http;

namespace Esg.Api.Scores;

/// <summary>
/// <c>/api/scores</c>: list (paged, filtered), get, create, update, delete, one score per company symbol. Errors are
/// problem+json: 400 malformed input, 404 unknown symbol, 409 symbol already scored, 422 business rule (rating contradicts the
/// total, score dated in the future).
/// </summary>
internal static class ScoreEndpoints
{
    private const string Tag = "Scores";

    public static IEndpointRouteBuilder MapScoreEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var scores = endpoints.MapGroup("/api/scores").WithTags(Tag);

        scores.MapGet("/", List)
            .WithName("ListScores")
            .WithSummary("List ESG scores")
            .WithDescription("Ordered by symbol. Filters combine: rating and provider match exactly (any case), minTotal keeps totals at or above it, q searches symbol and company.")
            .Produces<PagedResult<EsgScore>>()
            .ProducesValidationProblem();

        scores.MapGet("/{symbol}", Get)
            .WithName("GetScore")
            .WithSummary("Get a company's ESG score")
            .Produces<EsgScore>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        scores.MapPost("/", Create)
            .WithName("CreateScore")
            .WithSummary("Score a company")
            .Accepts<CreateScoreRequest>("application/json")
            .Produces<EsgScore>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        scores.MapPut("/{symbol}", Update)
            .WithName("UpdateScore")
            .WithSummary("Replace a company's ESG score")
            .Accepts<UpdateScoreRequest>("application/json")
            .Produces<EsgScore>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        scores.MapDelete("/{symbol}", Delete)
            .WithName("DeleteScore")
            .WithSummary("Remove a company's ESG score")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static IResult List(InMemoryStore<EsgScore> store, int? page, int? pageSize, string? rating, string? provider, decimal? minTotal, string? q)
    {
        var errors = new ValidationErrors();
        var (pageNumber, size) = Paging.Read(page, pageSize, errors);
        if (minTotal is < 0 or > 100)
        {
            errors.Add("minTotal", "Must be between 0 and 100.");
        }

        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var matches = store.Query(s =>
            (string.IsNullOrWhiteSpace(rating) || s.Rating.Equals(rating.Trim(), StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrWhiteSpace(provider) || s.Provider.Equals(provider.Trim(), StringComparison.OrdinalIgnoreCase))
            && (minTotal is null || s.Total >= minTotal)
            && (string.IsNullOrWhiteSpace(q)
                || s.Symbol.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)
                || s.Company.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)));
        return Results.Ok(Paging.Paginate(matches, pageNumber, size));
    }

    private static IResult Get(InMemoryStore<EsgScore> store, string symbol) =>
        store.Find(symbol) is { } score ? Results.Ok(score) : ApiProblems.NotFound("ESG score", symbol);

    private static IResult Create(InMemoryStore<EsgScore> store, TimeProvider time, CreateScoreRequest request)
    {
        var errors = new ValidationErrors();
        var symbol = ScoreRules.Symbol(request.Symbol, errors);
        var score = ScoreRules.Score(symbol, request.Company, request.Environmental, request.Social, request.Governance, request.Rating, request.Provider, request.AsOf, errors);
        if (score is null)
        {
            return errors.ToProblem();
        }

        ScoreRules.CheckBusinessRules(score, Today(time), errors);
        if (errors.HasErrors)
        {
            return errors.ToBusinessRuleProblem();
        }

        return store.TryAdd(score)
            ? Results.Created($"/api/scores/{Uri.EscapeDataString(score.Symbol)}", score)
            : ApiProblems.Conflict("ESG score", score.Symbol);
    }

    private static IResult Update(InMemoryStore<EsgScore> store, TimeProvider time, string symbol, UpdateScoreRequest request)
    {
        var errors = new ValidationErrors();
        var score = ScoreRules.Score(symbol.ToUpperInvariant(), request.Company, request.Environmental, request.Social, request.Governance, request.Rating, request.Provider, request.AsOf, errors);
        if (score is null)
        {
            return errors.ToProblem();
        }

        ScoreRules.CheckBusinessRules(score, Today(time), errors);
        if (errors.HasErrors)
        {
            return errors.ToBusinessRuleProblem();
        }

        var updated = store.Update(symbol, current => score with { Symbol = current.Symbol });
        return updated is null ? ApiProblems.NotFound("ESG score", symbol) : Results.Ok(updated);
    }

    private static IResult Delete(InMemoryStore<EsgScore> store, string symbol) =>
        store.Remove(symbol) ? Results.NoContent() : ApiProblems.NotFound("ESG score", symbol);

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
