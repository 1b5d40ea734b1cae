namespace Finance.Api.Statements;

/// <summary>
/// One company's figures for one fiscal year, amounts in <see cref="Currency"/> (ISO 4217) units; <see cref="Eps"/> is diluted
/// earnings per share. <see cref="Id"/> is <c>{symbol}-{fiscalYear}</c>, e.g. <c>MSFT-2024</c>.
/// </summary>
public sealed record FinancialStatement(
    string Id,
    string Symbol,
    int FiscalYear,
    string Currency,
    decimal Revenue,
    decimal GrossProfit,
    decimal OperatingIncome,
    decimal NetIncome,
    decimal Eps,
    decimal TotalAssets,
    decimal TotalLiabilities,
    decimal OperatingCashFlow);
