namespace Esg.Api.Scores;

/// <summary>Body of <c>PUT /api/scores/{symbol}</c>: everything but the symbol. <c>rating</c> may be omitted (derived from the total).</summary>
public sealed record UpdateScoreRequest(
    string? Company, decimal? Environmental, decimal? Social, decimal? Governance, string? Rating, string? Provider, DateOnly? AsOf);
