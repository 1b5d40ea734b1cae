namespace Stock.Api.Stocks;

/// <summary>Body of <c>PUT /api/stocks/{symbol}</c>: everything but the symbol, which the URL names. Every member is required.</summary>
public sealed record UpdateStockRequest(string? Name, string? Sector, string? Exchange, decimal? Price, string? Currency, decimal? MarketCap);
