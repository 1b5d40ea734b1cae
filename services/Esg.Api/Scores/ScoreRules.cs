using System.Text.RegularExpressions;
using Samples.ServiceDefaults.Http;

namespace Esg.Api.Scores;

/// <summary>
/// What a valid score is. Shape problems are 400; a rating that contradicts the total, or a score dated in the future, is well
/// formed but wrong, so 422.
/// </summary>
internal static partial class ScoreRules
{
    public static readonly string[] Ratings = ["AAA", "AA", "A", "BBB", "BB", "B", "CCC"];

    public static string Symbol(string? value, ValidationErrors errors)
    {
        var symbol = errors.Text("symbol", value, 12).ToUpperInvariant();
        if (symbol.Length > 0 && !SymbolPattern().IsMatch(symbol))
        {
            errors.Add("symbol", "Letters, digits, '.' and '-' only.");
        }

        return symbol;
    }

    /// <summary>Validates every member but the symbol and computes the total; null when a shape problem was found.</summary>
    public static EsgScore? Score(
        string symbol, string? company, decimal? environmental, decimal? social, decimal? governance, string? rating, string? provider, DateOnly? asOf,
        ValidationErrors errors)
    {
        var name = errors.Text("company", company, 120);
        var e = errors.Number("environmental", environmental, 0, 100);
        var s = errors.Number("social", social, 0, 100);
        var g = errors.Number("governance", governance, 0, 100);
        var source = errors.Text("provider", provider, 60);
        var given = rating?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(given) && !Ratings.Contains(given, StringComparer.Ordinal))
        {
            errors.Add("rating", "One of " + string.Join(", ", Ratings) + ".");
        }

        if (asOf is null)
        {
            errors.Add("asOf", "Required (yyyy-MM-dd).");
        }

        if (errors.HasErrors)
        {
            return null;
        }

        var total = Math.Round((e + s + g) / 3, 1, MidpointRounding.AwayFromZero);
        return new EsgScore(symbol, name, e, s, g, total, string.IsNullOrEmpty(given) ? RatingFor(total) : given, source, asOf!.Value);
    }

    /// <summary>Business rules of a well-formed score; problems are added to <paramref name="violations"/> (answered with 422).</summary>
    public static void CheckBusinessRules(EsgScore score, DateOnly today, ValidationErrors violations)
    {
        var implied = RatingFor(score.Total);
        if (!string.Equals(score.Rating, implied, StringComparison.Ordinal))
        {
            violations.Add("rating", $"A total of {score.Total} rates {implied}, not {score.Rating}.");
        }

        if (score.AsOf > today)
        {
            violations.Add("asOf", "A score cannot be dated in the future.");
        }
    }

    public static string RatingFor(decimal total) => total switch
    {
        >= 85 => "AAA",
        >= 75 => "AA",
        >= 65 => "A",
        >= 55 => "BBB",
        >= 45 => "BB",
        >= 35 => "B",
        _ => "CCC",
    };

    [GeneratedRegex("^[A-Z0-9][A-Z0-9.\\-]*$")]
    private static partial Regex SymbolPattern();
}
