using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Prometheus;

namespace OcelotGateway.Observability;

/// <summary>
/// One route's metric series, resolved once and kept with the compiled route, so the hot path increments cached children
/// instead of looking labels up (and allocating label arrays) on every request.
/// </summary>
internal sealed class RouteMetrics
{
    private static readonly string[] KnownMethods =
    [
        HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch,
        HttpMethods.Head, HttpMethods.Options, HttpMethods.Trace, HttpMethods.Connect,
    ];

    private const string OtherMethod = "OTHER";
    private const string OtherStatus = "other";

    private readonly Counter _requests;
    private readonly Counter _downstreamErrors;
    private readonly ConcurrentDictionary<int, Counter.Child> _requestChildren = new();
    private readonly ConcurrentDictionary<string, Counter.Child> _errorChildren = new(StringComparer.Ordinal);

    public RouteMetrics(string label, Counter requests, Histogram duration, Histogram downstreamDuration, Counter downstreamErrors, Counter rateLimited, Counter cache)
    {
        Label = label;
        _requests = requests;
        _downstreamErrors = downstreamErrors;
        Duration = duration.WithLabels(label);
        DownstreamDuration = downstreamDuration.WithLabels(label);
        RateLimited = rateLimited.WithLabels(label);
        CacheHits = cache.WithLabels(label, "hit");
        CacheMisses = cache.WithLabels(label, "miss");
    }

    public string Label { get; }

    public Histogram.Child Duration { get; }

    public Histogram.Child DownstreamDuration { get; }

    public Counter.Child RateLimited { get; }

    public Counter.Child CacheHits { get; }

    public Counter.Child CacheMisses { get; }

    /// <summary>The request counter for one method and status; methods outside the standard set count as <c>OTHER</c>.</summary>
    public Counter.Child Requests(string method, int status)
    {
        var methodIndex = MethodIndex(method);
        var statusIndex = status is >= 100 and < 600 ? status : 0;
        var key = ((methodIndex + 1) * 1000) + statusIndex;
        return _requestChildren.TryGetValue(key, out var child)
            ? child
            : _requestChildren.GetOrAdd(key, _ => _requests.WithLabels(
                Label,
                methodIndex >= 0 ? KnownMethods[methodIndex] : OtherMethod,
                statusIndex > 0 ? StatusText(statusIndex) : OtherStatus));
    }

    public Counter.Child DownstreamErrors(string kind) =>
        _errorChildren.TryGetValue(kind, out var child) ? child : _errorChildren.GetOrAdd(kind, k => _downstreamErrors.WithLabels(Label, k));

    private static int MethodIndex(string method)
    {
        for (var i = 0; i < KnownMethods.Length; i++)
        {
            // Kestrel hands out the interned constants for standard methods, so the reference check usually decides.
            if (ReferenceEquals(KnownMethods[i], method) || string.Equals(KnownMethods[i], method, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string StatusText(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
