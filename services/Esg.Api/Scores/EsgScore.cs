namespace Esg.Api.Scores;

/// <summary>
/// A company's ESG score: each pillar 0–100 (higher is better), <see cref="Total"/> their mean, <see cref="Rating"/> the band
/// the total falls in (AAA ≥ 85, AA ≥ 75, A ≥ 65, BBB ≥ 55, BB ≥ 45, B ≥ 35, CCC below).
/// </summary>
public sealed record EsgScore(
    string Symbol, string Company, decimal Environmental, decimal Social, decimal Governance, decimal Total, string Rating, string Provider, DateOnly AsOf);
