using OcelotGateway.Observability;

namespace OcelotGateway.Administration.Console;

/// <summary>
/// Request and error rates per route, from the gateway's own metric totals: each console refresh reads the totals (at most one
/// reading a second, shared by every viewer) and compares them with the oldest reading of the last <see cref="Window"/>. No timer
/// and no per-request work: with nobody looking, nothing is sampled. The first refresh has totals but no rates yet.
/// </summary>
internal sealed class TrafficSampler
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>Readings kept; at one a second at most, a window needs about 61.</summary>
    public const int MaxSamples = 128;

    private static readonly TimeSpan MinimumSpacing = TimeSpan.FromSeconds(1);

    private readonly GatewayMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly LinkedList<Sample> _samples = new();

    public TrafficSampler(GatewayMetrics metrics, TimeProvider time)
    {
        _metrics = metrics;
        _time = time;
    }

    public TrafficReport Read()
    {
        Sample baseline;
        Sample latest;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (_samples.Last is not { } last || now - last.Value.At >= MinimumSpacing)
            {
                _samples.AddLast(new Sample(now, _metrics.ReadTotals()));
            }

            // Keep one reading from before the window: it is the baseline the rates are measured from.
            while (_samples.Count > MaxSamples || (_samples.Count > 1 && _samples.First!.Next!.Value.At <= now - Window))
            {
                _samples.RemoveFirst();
            }

            baseline = _samples.First!.Value;
            latest = _samples.Last!.Value;
        }

        var seconds = (latest.At - baseline.At).TotalSeconds;
        var routes = latest.Totals
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => RouteTraffic.Between(t.Key, baseline.Totals.GetValueOrDefault(t.Key), t.Value, seconds))
            .ToArray();
        return new TrafficReport(latest.At, seconds > 0 ? seconds : null, routes);
    }

    private sealed record Sample(DateTimeOffset At, IReadOnlyDictionary<string, RouteTotals> Totals);
}

/// <param name="WindowSeconds">The time the rates are measured over; null until a second reading exists.</param>
internal sealed record TrafficReport(DateTimeOffset At, double? WindowSeconds, IReadOnlyList<RouteTraffic> Routes);

/// <summary>
/// One route label's traffic: totals since start, and over the window the request rate, the share of 5xx answers, and the
/// cache hit share. A rate is null when there is no window yet; a share is null when no request fell in the window.
/// </summary>
internal sealed record RouteTraffic(
    string Route,
    double Requests,
    double ServerErrors,
    double DownstreamErrors,
    double RateLimited,
    double CacheHits,
    double CacheMisses,
    double? RequestsPerSecond,
    double? ErrorRatio,
    double? CacheHitRatio)
{
    public static RouteTraffic Between(string route, RouteTotals before, RouteTotals now, double seconds)
    {
        var requests = now.Requests - before.Requests;
        var lookups = now.CacheHits + now.CacheMisses - before.CacheHits - before.CacheMisses;
        return new RouteTraffic(
            route,
            now.Requests,
            now.ServerErrors,
            now.DownstreamErrors,
            now.RateLimited,
            now.CacheHits,
            now.CacheMisses,
            seconds > 0 ? Math.Round(requests / seconds, 3) : null,
            seconds > 0 && requests > 0 ? Math.Round((now.ServerErrors - before.ServerErrors) / requests, 4) : null,
            seconds > 0 && lookups > 0 ? Math.Round((now.CacheHits - before.CacheHits) / lookups, 4) : null);
    }
}
