using System.Text.RegularExpressions;
using Samples.ServiceDefaults.Http;

namespace Stock.Api.Stocks;

/// <summary>
/// What a valid equity is. Shape problems (missing, too long, out of range) are 400; a known exchange quoted in another
/// currency than it trades in is well formed but wrong, so 422.
/// </summary>
internal static partial class StockRules
{
    private static readonly Dictionary<string, string[]> ExchangeCurrencies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NASDAQ"] = ["USD"],
        ["NYSE"] = ["USD"],
        ["LSE"] = ["GBP", "GBX"],
        ["XETRA"] = ["EUR"],
        ["EURONEXT"] = ["EUR"],
        ["SIX"] = ["CHF"],
        ["TSE"] = ["JPY"],
    };

    public static string Symbol(string? value, ValidationErrors errors)
    {
        var symbol = errors.Text("symbol", value, 12).ToUpperInvariant();
        if (symbol.Length > 0 && !SymbolPattern().IsMatch(symbol))
        {
            errors.Add("symbol", "Letters, digits, '.' and '-' only.");
        }

        return symbol;
    }

    /// <summary>Validates every member but the symbol; returns null when a shape problem was found.</summary>
    public static StockQuote? Quote(string symbol, string? name, string? sector, string? exchange, decimal? price, string? currency, decimal? marketCap, ValidationErrors errors)
    {
        var quote = new StockQuote(
            symbol,
            errors.Text("name", name, 120),
            errors.Text("sector", sector, 60),
            errors.Text("exchange", exchange, 20).ToUpperInvariant(),
            errors.Number("price", price, 0.0001m, 10_000_000m),
            errors.Text("currency", currency, 3).ToUpperInvariant(),
            errors.Number("marketCap", marketCap, 0m, 100_000_000_000_000m));
        if (quote.Currency.Length > 0 && !CurrencyPattern().IsMatch(quote.Currency))
        {
            errors.Add("currency", "An ISO 4217 code such as USD.");
        }

        return errors.HasErrors ? null : quote;
    }

    /// <summary>Business rules of a well-formed quote; problems are added to <paramref name="violations"/> (answered with 422).</summary>
    public static void CheckBusinessRules(StockQuote quote, ValidationErrors violations)
    {
        if (ExchangeCurrencies.TryGetValue(quote.Exchange, out var currencies) && !currencies.Contains(quote.Currency, StringComparer.Ordinal))
        {
            violations.Add("currency", $"{quote.Exchange} trades in {string.Join(" or ", currencies)}, not {quote.Currency}.");
        }
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9.\\-]*$")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}
