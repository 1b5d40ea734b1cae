using System.Globalization;
using System.Text.RegularExpressions;
using Samples.ServiceDefaults.Http;

namespace Finance.Api.Statements;

/// <summary>
/// What a valid statement is. Shape problems are 400; figures that cannot all be true (gross profit above revenue, operating
/// income above gross profit) or a fiscal year that has not begun are well formed but wrong, so 422.
/// </summary>
internal static partial class StatementRules
{
    private const decimal Limit = 100_000_000_000_000m;

    public static string Id(string symbol, int fiscalYear) => symbol + "-" + fiscalYear.ToString(CultureInfo.InvariantCulture);

    public static (string Symbol, int FiscalYear) Key(string? symbol, int? fiscalYear, ValidationErrors errors)
    {
        var normalized = errors.Text("symbol", symbol, 12).ToUpperInvariant();
        if (normalized.Length > 0 && !SymbolPattern().IsMatch(normalized))
        {
            errors.Add("symbol", "Letters, digits and '.' only.");
        }

        if (fiscalYear is not { } year)
        {
            errors.Add("fiscalYear", "Required.");
            return (normalized, 0);
        }

        if (year is < 1900 or > 2100)
        {
            errors.Add("fiscalYear", "Must be between 1900 and 2100.");
        }

        return (normalized, year);
    }

    /// <summary>Validates the figures; null when a shape problem was found.</summary>
    public static FinancialStatement? Statement(string symbol, int fiscalYear, UpdateStatementRequest figures, ValidationErrors errors)
    {
        var currency = errors.Text("currency", figures.Currency, 3).ToUpperInvariant();
        if (currency.Length > 0 && !CurrencyPattern().IsMatch(currency))
        {
            errors.Add("currency", "An ISO 4217 code such as USD.");
        }

        var statement = new FinancialStatement(
            Id(symbol, fiscalYear),
            symbol,
            fiscalYear,
            currency,
            errors.Number("revenue", figures.Revenue, 0, Limit),
            errors.Number("grossProfit", figures.GrossProfit, -Limit, Limit),
            errors.Number("operatingIncome", figures.OperatingIncome, -Limit, Limit),
            errors.Number("netIncome", figures.NetIncome, -Limit, Limit),
            errors.Number("eps", figures.Eps, -1_000_000, 1_000_000),
            errors.Number("totalAssets", figures.TotalAssets, 0, Limit),
            errors.Number("totalLiabilities", figures.TotalLiabilities, 0, Limit),
            errors.Number("operatingCashFlow", figures.OperatingCashFlow, -Limit, Limit));
        return errors.HasErrors ? null : statement;
    }

    /// <summary>Business rules of a well-formed statement; problems are added to <paramref name="violations"/> (answered with 422).</summary>
    public static void CheckBusinessRules(FinancialStatement statement, int currentYear, ValidationErrors violations)
    {
        if (statement.GrossProfit > statement.Revenue)
        {
            violations.Add("grossProfit", "Gross profit cannot exceed revenue.");
        }

        if (statement.OperatingIncome > statement.GrossProfit)
        {
            violations.Add("operatingIncome", "Operating income cannot exceed gross profit.");
        }

        // Fiscal years are named for the calendar year they end in, so next year's may already be under way; later ones are not.
        if (statement.FiscalYear > currentYear + 1)
        {
            violations.Add("fiscalYear", $"Fiscal year {statement.FiscalYear} has not begun.");
        }
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9.]*$")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
