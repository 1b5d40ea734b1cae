using Prometheus;

namespace OcelotGateway.Observability;

/// <summary>Reads the running totals back, for the operator console: nothing here runs unless someone asks.</summary>
public sealed partial class GatewayMetrics
{
    /// <summary>The totals of every route label seen since start, read from the same series Prometheus scrapes.</summary>
    internal IReadOnlyDictionary<string, RouteTotals> ReadTotals()
    {
        var totals = new Dictionary<string, RouteTotals>(StringComparer.Ordinal);
        foreach (var labels in _requests.GetAllLabelValues())
        {
            var value = _requests.WithLabels(labels).Value;
            var status = labels[2];
            var current = totals.GetValueOrDefault(labels[0]);
            totals[labels[0]] = current with
            {
                Requests = current.Requests + value,
                ServerErrors = current.ServerErrors + (status.StartsWith('5') ? value : 0),
                ClientErrors = current.ClientErrors + (status.StartsWith('4') ? value : 0),
            };
        }

        Add(totals, _downstreamErrors, static (t, v) => t with { DownstreamErrors = t.DownstreamErrors + v });
        Add(totals, _rateLimited, static (t, v) => t with { RateLimited = t.RateLimited + v });
        foreach (var labels in _cache.GetAllLabelValues())
        {
            var value = _cache.WithLabels(labels).Value;
            var current = totals.GetValueOrDefault(labels[0]);
            totals[labels[0]] = labels[1] == "hit" ? current with { CacheHits = current.CacheHits + value } : current with { CacheMisses = current.CacheMisses + value };
        }

        return totals;
    }

    private static void Add(Dictionary<string, RouteTotals> totals, Counter counter, Func<RouteTotals, double, RouteTotals> add)
    {
        foreach (var labels in counter.GetAllLabelValues())
        {
            totals[labels[0]] = add(totals.GetValueOrDefault(labels[0]), counter.WithLabels(labels).Value);
        }
    }
}

/// <summary>Running totals of one route label (a route's key, else its upstream template; aggregates as <c>aggregate {template}</c>).</summary>
internal readonly record struct RouteTotals(
    double Requests, double ServerErrors, double ClientErrors, double DownstreamErrors, double RateLimited, double CacheHits, double CacheMisses);
