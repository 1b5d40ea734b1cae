namespace Finance.Api.Statements;

/// <summary>Body of <c>PUT /api/statements/{id}</c>: the figures; symbol and fiscal year are the id's. Every member is required.</summary>
public sealed record UpdateStatementRequest(
    string? Currency,
    decimal? Revenue,
    decimal? GrossProfit,
    decimal? OperatingIncome,
    decimal? NetIncome,
    decimal? Eps,
    decimal? TotalAssets,
    decimal? TotalLiabilities,
    decimal? OperatingCashFlow);
