using Microsoft.AspNetCore.Http;
using OcelotGateway.Aggregation;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.Routing;

namespace OcelotGateway.Administration.Explain;

/// <summary>
/// Weighs every route and aggregate against a request with the matcher's own rules (<see cref="UpstreamRouteMatching"/>) and
/// says, for each one not chosen, every condition it fails or why it lost to the chosen one.
/// </summary>
internal static class CandidateExplainer
{
    public static List<(IUpstreamRoute Route, UpstreamMismatch Mismatch)> Weigh(CompiledConfiguration configuration, HttpRequest http, string path, string? query)
    {
        var host = http.Host.Host;
        var weighed = new List<(IUpstreamRoute, UpstreamMismatch)>(configuration.Routes.Count + configuration.Aggregates.Count);
        foreach (var route in configuration.Routes.Cast<IUpstreamRoute>().Concat(configuration.Aggregates))
        {
            weighed.Add((route, UpstreamRouteMatching.CheckAll(route, http.Headers, path, query, http.Method, host)));
        }

        return weighed;
    }

    public static ExplainedCandidate Candidate(
        CompiledConfiguration configuration, IUpstreamRoute route, UpstreamMismatch mismatch, IUpstreamRoute? best, HttpRequest http, string path, string? query)
    {
        var (described, methods) = route switch
        {
            CompiledAggregate a => (RouteLocation.Describe(configuration, a), a.UpstreamMethods.Order(StringComparer.Ordinal).ToArray()),
            CompiledRoute r => (RouteLocation.Describe(configuration, r), r.UpstreamMethods?.Order(StringComparer.Ordinal).ToArray() ?? []),
            _ => throw new InvalidOperationException("unknown route kind"),
        };

        string verdict;
        var reasons = new List<string>();
        if (ReferenceEquals(route, best))
        {
            verdict = ExplainedCandidate.Chosen;
        }
        else if (mismatch == UpstreamMismatch.None)
        {
            verdict = ExplainedCandidate.Outranked;
            reasons.Add(WhyOutranked(route, best!));
        }
        else
        {
            verdict = ExplainedCandidate.NoMatch;
            AddMismatchReasons(route, mismatch, http, path, query, methods, reasons);
        }

        return new ExplainedCandidate(described, methods, route.UpstreamHost, route.Priority, verdict, reasons);
    }

    private static void AddMismatchReasons(
        IUpstreamRoute route, UpstreamMismatch mismatch, HttpRequest http, string path, string? query, string[] methods, List<string> reasons)
    {
        if (mismatch.HasFlag(UpstreamMismatch.Method))
        {
            reasons.Add($"method: {http.Method} is not one of {string.Join(", ", methods)}");
        }

        if (mismatch.HasFlag(UpstreamMismatch.Host))
        {
            reasons.Add($"host: the route wants UpstreamHost {route.UpstreamHost}, the request has {http.Host.Host}");
        }

        if (mismatch.HasFlag(UpstreamMismatch.Path))
        {
            var target = route.UpstreamPath.HasQuery ? path + query : path;
            reasons.Add($"path: {target} does not fit {route.UpstreamPath.Template}");
        }

        if (mismatch.HasFlag(UpstreamMismatch.Headers))
        {
            reasons.Add("headers: a header of UpstreamHeaderTemplates is missing or does not fit its template");
        }
    }

    private static string WhyOutranked(IUpstreamRoute route, IUpstreamRoute best)
    {
        if (best.UpstreamHost is not null && route.UpstreamHost is null)
        {
            return "matched, but the chosen route is bound to UpstreamHost " + best.UpstreamHost + ", which beats a route without a host";
        }

        return route.Priority != best.Priority
            ? $"matched, but its Priority {route.Priority} is below the chosen route's {best.Priority}"
            : $"matched with the same Priority {route.Priority}, but the chosen route comes first in the merged route list";
    }
}
