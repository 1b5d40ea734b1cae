namespace Stock.Api.Stocks;

/// <summary>Body of <c>POST /api/stocks</c>. Every member is required; nullable so a missing one is reported, not defaulted.</summary>
public sealed record CreateStockRequest(string? Symbol, string? Name, string? Sector, string? Exchange, decimal? Price, string? Currency, decimal? MarketCap);
