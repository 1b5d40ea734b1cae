namespace Stock.Api.Stocks;

/// <summary>One listed equity. Prices are in <see cref="Currency"/> (ISO 4217), market capitalisation too.</summary>
public sealed record StockQuote(string Symbol, string Name, string Sector, string Exchange, decimal Price, string Currency, decimal MarketCap);
