namespace OcelotGateway.RateLimiting;

/// <summary>
/// <c>Limit</c> requests per fixed <c>Period</c>; once exceeded, callers may be kept out for a further <c>Wait</c>.
/// Rendered as Ocelot renders it in messages and counter keys: <c>3/1s/w1s</c>.
/// </summary>
public sealed record RateLimitRule(long Limit, TimeSpan Period, string PeriodText, TimeSpan Wait, string WaitText)
{
    public override string ToString() => $"{Limit}/{PeriodText}/w{WaitText}";
}
