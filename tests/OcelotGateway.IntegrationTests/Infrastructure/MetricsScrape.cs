namespace OcelotGateway.IntegrationTests.Infrastructure;

public static class MetricsScrape
{
    /// <summary>GETs the gateway's <c>/metrics</c> as Prometheus would and parses the text exposition.</summary>
    public static async Task<PrometheusText> ScrapeAsync(this GatewayInstance gateway)
    {
        using var response = await gateway.Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Scrapes until a sample reaches <paramref name="expected"/>: request metrics are recorded as the gateway's pipeline
    /// unwinds, which can be a moment after the client has read the whole response.
    /// </summary>
    public static async Task<PrometheusText> ScrapeUntilAsync(
        this GatewayInstance gateway, string name, double expected, params (string Label, string Value)[] labels)
    {
        PrometheusText scrape = null!;
        await Eventually.HoldsAsync(
            async () =>
            {
                scrape = await gateway.ScrapeAsync();
                return scrape.Value(name, labels) == expected;
            },
            TimeSpan.FromSeconds(5),
            $"{name}{{{string.Join(",", labels.Select(l => l.Label + "=" + l.Value))}}} == {expected}");
        return scrape;
    }
}
