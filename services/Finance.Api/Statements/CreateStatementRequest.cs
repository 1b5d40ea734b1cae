namespace Finance.Api.Statements;

/// <summary>Body of <c>POST /api/statements</c>; the id is made from symbol and fiscal year. Every member is required.</summary>
public sealed record CreateStatementRequest(
    string? Symbol,
    int? FiscalYear,
    string? Currency,
    decimal? Revenue,
    decimal? GrossProfit,
    decimal? OperatingIncome,
    decimal? NetIncome,
    decimal? Eps,
    decimal? TotalAssets,
    decimal? TotalLiabilities,
    decimal? OperatingCashFlow);
