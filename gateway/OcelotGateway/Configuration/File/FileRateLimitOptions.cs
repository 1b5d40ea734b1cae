namespace OcelotGateway.Configuration.File;

/// <summary>Ocelot's rate-limit options, route or global. Legacy names win when set, as in Ocelot v25.</summary>
public sealed class FileRateLimitOptions
{
    public bool? EnableRateLimiting { get; set; }
    public string? ClientIdHeader { get; set; }
    public List<string>? ClientWhitelist { get; set; }
    public long? Limit { get; set; }
    public string? Period { get; set; }
    public string? Wait { get; set; }

    /// <summary>Legacy wait window, in seconds.</summary>
    public double? PeriodTimespan { get; set; }

    public int? StatusCode { get; set; }
    public int? HttpStatusCode { get; set; }
    public string? QuotaMessage { get; set; }
    public string? QuotaExceededMessage { get; set; }
    public bool? EnableHeaders { get; set; }
    public bool? DisableRateLimitHeaders { get; set; }
    public string? KeyPrefix { get; set; }
    public string? RateLimitCounterPrefix { get; set; }
    public List<string>? RouteKeys { get; set; }
}
