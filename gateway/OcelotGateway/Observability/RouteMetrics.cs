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
    private readonly Histogram _duration;
    private readonly Histogram _downstreamDuration;
    private readonly Counter _downstreamErrors;
    private readonly Counter _rateLimited;
    private readonly Counter _cache;
    private readonly ConcurrentDictionary<int, Counter.Child> _requestChildren = new();
    private readonly ConcurrentDictionary<string, Counter.Child> _errorChildren = new(StringComparer.Ordinal);

    // Resolved on first use, so a route exports only the series of the features it uses (no cache series at 0 for a route
    // without a cache). Two threads may both resolve one; prometheus-net hands both the same child.
    private Histogram.Child? _durationChild;
    private Histogram.Child? _downstreamDurationChild;
    private Counter.Child? _rateLimitedChild;
    private Counter.Child? _cacheHitsChild;
    private Counter.Child? _cacheMissesChild;

    public RouteMetrics(string label, Counter requests, Histogram duration, Histogram downstreamDuration, Counter downstreamErrors, Counter rateLimited, Counter cache)
    {
        Label = label;
        _requests = requests;
        _duration = duration;
        _downstreamDuration = downstreamDuration;
        _downstreamErrors = downstreamErrors;
        _rateLimited = rateLimited;
        _cache = cache;
    }

    public string Label { get; }

    public Histogram.Child Duration => _durationChild ??= _duration.WithLabels(Label);

    public Histogram.Child DownstreamDuration => _downstreamDurationChild ??= _downstreamDuration.WithLabels(Label);

    public Counter.Child RateLimited => _rateLimitedChild ??= _rateLimited.WithLabels(Label);

    public Counter.Child CacheHits => _cacheHitsChild ??= _cache.WithLabels(Label, "hit");

    public Counter.Child CacheMisses => _cacheMissesChild ??= _cache.WithLabels(Label, "miss");

    /// <summary>One answer of this route (or aggregate): counted by method and status, and its time observed.</summary>
    public void Completed(string method, int status, double seconds)
    {
        Requests(method, status).Inc();
        Duration.Observe(seconds);
    }

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
