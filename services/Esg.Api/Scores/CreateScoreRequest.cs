namespace Esg.Api.Scores;

/// <summary>Body of <c>POST /api/scores</c>. <c>rating</c> may be omitted (derived from the total); everything else is required.</summary>
public sealed record CreateScoreRequest(
    string? Symbol, string? Company, decimal? Environmental, decimal? Social, decimal? Governance, string? Rating, string? Provider, DateOnly? AsOf);
