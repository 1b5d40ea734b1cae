using Samples.ServiceDefaults.Data;

namespace Stock.Api.Stocks;

/// <summary>The equities the service starts with (illustrative prices and market capitalisations, not live data).</summary>
internal static class StockStore
{
    private const decimal Billion = 1_000_000_000m;

    public static InMemoryStore<StockQuote> Create() => new(quote => quote.Symbol,
    [
        new("AAPL", "Apple Inc.", "Technology", "NASDAQ", 228.52m, "USD", 3_470 * Billion),
        new("AMZN", "Amazon.com, Inc.", "Consumer Discretionary", "NASDAQ", 186.43m, "USD", 1_960 * Billion),
        new("ASML", "ASML Holding N.V.", "Technology", "EURONEXT", 641.20m, "EUR", 252 * Billion),
        new("AZN", "AstraZeneca PLC", "Health Care", "LSE", 121.46m, "GBP", 188 * Billion),
        new("GOOGL", "Alphabet Inc. Class A", "Communication Services", "NASDAQ", 165.27m, "USD", 2_030 * Billion),
        new("JNJ", "Johnson & Johnson", "Health Care", "NYSE", 161.38m, "USD", 388 * Billion),
        new("JPM", "JPMorgan Chase & Co.", "Financials", "NYSE", 222.14m, "USD", 628 * Billion),
        new("KO", "The Coca-Cola Company", "Consumer Staples", "NYSE", 69.87m, "USD", 301 * Billion),
        new("META", "Meta Platforms, Inc. Class A", "Communication Services", "NASDAQ", 567.84m, "USD", 1_430 * Billion),
        new("MSFT", "Microsoft Corporation", "Technology", "NASDAQ", 415.19m, "USD", 3_090 * Billion),
        new("NESN", "Nestlé S.A.", "Consumer Staples", "SIX", 84.22m, "CHF", 220 * Billion),
        new("NVDA", "NVIDIA Corporation", "Technology", "NASDAQ", 135.40m, "USD", 3_320 * Billion),
        new("PFE", "Pfizer Inc.", "Health Care", "NYSE", 28.91m, "USD", 164 * Billion),
        new("PG", "The Procter & Gamble Company", "Consumer Staples", "NYSE", 170.49m, "USD", 401 * Billion),
        new("SAP", "SAP SE", "Technology", "XETRA", 212.60m, "EUR", 261 * Billion),
        new("SHEL", "Shell plc", "Energy", "LSE", 25.81m, "GBP", 160 * Billion),
        new("SIE", "Siemens AG", "Industrials", "XETRA", 178.36m, "EUR", 142 * Billion),
        new("TSLA", "Tesla, Inc.", "Consumer Discretionary", "NASDAQ", 249.02m, "USD", 795 * Billion),
        new("V", "Visa Inc. Class A", "Financials", "NYSE", 289.73m, "USD", 565 * Billion),
        new("XOM", "Exxon Mobil Corporation", "Energy", "NYSE", 118.29m, "USD", 520 * Billion),
    ]);
}
