using Samples.ServiceDefaults.Data;

namespace Esg.Api.Scores;

/// <summary>The scores the service starts with (illustrative figures, not any provider's published data).</summary>
internal static class ScoreStore
{
    private static readonly DateOnly June = new(2025, 6, 30);
    private static readonly DateOnly September = new(2025, 9, 30);

    public static InMemoryStore<EsgScore> Create() => new(score => score.Symbol,
    [
        Score("AAPL", "Apple Inc.", 78, 66, 72, "MSCI", September),
        Score("AMZN", "Amazon.com, Inc.", 61, 48, 63, "Sustainalytics", June),
        Score("ASML", "ASML Holding N.V.", 84, 79, 86, "MSCI", September),
        Score("AZN", "AstraZeneca PLC", 82, 74, 77, "Sustainalytics", June),
        Score("GOOGL", "Alphabet Inc.", 74, 58, 61, "MSCI", September),
        Score("JNJ", "Johnson & Johnson", 76, 52, 70, "Refinitiv", June),
        Score("JPM", "JPMorgan Chase & Co.", 55, 62, 71, "Refinitiv", September),
        Score("KO", "The Coca-Cola Company", 63, 68, 74, "Sustainalytics", June),
        Score("META", "Meta Platforms, Inc.", 69, 41, 47, "MSCI", September),
        Score("MSFT", "Microsoft Corporation", 88, 81, 86, "MSCI", September),
        Score("NESN", "Nestlé S.A.", 71, 65, 80, "Sustainalytics", June),
        Score("NVDA", "NVIDIA Corporation", 72, 70, 75, "MSCI", September),
        Score("SAP", "SAP SE", 90, 84, 85, "Refinitiv", June),
        Score("SHEL", "Shell plc", 38, 57, 68, "Sustainalytics", June),
        Score("SIE", "Siemens AG", 83, 76, 81, "Refinitiv", September),
        Score("TSLA", "Tesla, Inc.", 81, 35, 39, "MSCI", September),
        Score("XOM", "Exxon Mobil Corporation", 29, 48, 60, "Sustainalytics", June),
    ]);

    private static EsgScore Score(string symbol, string company, decimal environmental, decimal social, decimal governance, string provider, DateOnly asOf)
    {
        var total = Math.Round((environmental + social + governance) / 3, 1, MidpointRounding.AwayFromZero);
        return new EsgScore(symbol, company, environmental, social, governance, total, ScoreRules.RatingFor(total), provider, asOf);
    }
}
