using Microsoft.AspNetCore.Http;
using OcelotGateway.Routing.Templates;

namespace OcelotGateway.Routing;

/// <summary>
/// Ocelot's route selection rules, shared by the request matcher (<see cref="OcelotRouteMatcherPolicy"/>) and the
/// <c>explain</c> command, so what an operator is told can never differ from what the gateway does.
/// </summary>
internal static class UpstreamRouteMatching
{
    /// <summary>
    /// The first condition the request fails, in the matcher's order (method, host, path, headers), or
    /// <see cref="UpstreamMismatch.None"/> when the route takes it. Stops at the first failure: this runs per candidate per request.
    /// </summary>
    /// <param name="path">The decoded request path, as <c>HttpRequest.Path.Value</c>.</param>
    /// <param name="query">The raw query with its leading '?', or null.</param>
    /// <param name="host">The request's host without port, as <c>HttpRequest.Host.Host</c>.</param>
    public static UpstreamMismatch Check(IUpstreamRoute route, IHeaderDictionary headers, string path, string? query, string method, string host) =>
        !route.MatchesMethod(method) ? UpstreamMismatch.Method
        : !HostFits(route, host) ? UpstreamMismatch.Host
        : !route.UpstreamPath.IsMatch(path, query) ? UpstreamMismatch.Path
        : !HeadersFit(route, headers) ? UpstreamMismatch.Headers
        : UpstreamMismatch.None;

    /// <summary>Every condition the request fails, for an operator asking why a route did not take it.</summary>
    public static UpstreamMismatch CheckAll(IUpstreamRoute route, IHeaderDictionary headers, string path, string? query, string method, string host) =>
        (route.MatchesMethod(method) ? UpstreamMismatch.None : UpstreamMismatch.Method)
        | (HostFits(route, host) ? UpstreamMismatch.None : UpstreamMismatch.Host)
        | (route.UpstreamPath.IsMatch(path, query) ? UpstreamMismatch.None : UpstreamMismatch.Path)
        | (HeadersFit(route, headers) ? UpstreamMismatch.None : UpstreamMismatch.Headers);

    /// <summary>Among matching routes: a host-bound route beats host-less ones, then the higher <c>Priority</c>, then file order.</summary>
    public static bool IsPreferred(IUpstreamRoute candidate, IUpstreamRoute current)
    {
        var candidateHasHost = candidate.UpstreamHost is not null;
        if (candidateHasHost != (current.UpstreamHost is not null))
        {
            return candidateHasHost;
        }

        return candidate.Priority != current.Priority ? candidate.Priority > current.Priority : candidate.Index < current.Index;
    }

    /// <summary>The placeholder values of the chosen route: path and query first, then the <c>{header:name}</c> captures.</summary>
    public static PlaceholderValues ReadPlaceholders(IUpstreamRoute route, IHeaderDictionary headers, string path, string? query)
    {
        var values = new PlaceholderValues(route.UpstreamPath.PlaceholderNames.Count);
        route.UpstreamPath.TryGetPlaceholderValues(path, query, values);
        if (!route.UpstreamHeaders.IsEmpty)
        {
            route.UpstreamHeaders.TryMatch(headers, values);
        }

        return values;
    }

    private static bool HostFits(IUpstreamRoute route, string host) =>
        route.UpstreamHost is null || string.Equals(route.UpstreamHost, host, StringComparison.Ordinal);

    private static bool HeadersFit(IUpstreamRoute route, IHeaderDictionary headers) =>
        route.UpstreamHeaders.IsEmpty || route.UpstreamHeaders.TryMatch(headers, new PlaceholderValues());
}
