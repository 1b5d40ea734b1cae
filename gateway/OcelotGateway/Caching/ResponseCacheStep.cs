using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using OcelotGateway.Observability;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Forwarding;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.Caching;

/// <summary>
/// Ocelot's output cache (§2.9), after load balancing so the chosen host is part of the key, and before QoS so a hit never
/// reaches the circuit breaker or downstream. Any method and any downstream status is cached; responses the gateway made
/// itself (502, 504...) never are. Concurrent misses for one key make one downstream call (<see cref="ResponseCoalescer"/>).
/// On a miss the body streams to the client while a copy is kept, up to <see cref="CachingOptions.MaxBodyBytes"/>.
/// </summary>
internal sealed partial class ResponseCacheStep
{
    private readonly RequestDelegate _next;
    private readonly ICacheStore _store;
    private readonly ResponseCoalescer _coalescer;
    private readonly CachingOptions _options;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<ResponseCacheStep> _logger;

    public ResponseCacheStep(
        RequestDelegate next,
        ICacheStore store,
        ResponseCoalescer coalescer,
        IOptions<CachingOptions> options,
        TimeProvider time,
        GatewayMetrics metrics,
        ILogger<ResponseCacheStep> logger)
    {
        _next = next;
        _store = store;
        _coalescer = coalescer;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        return feature?.Route.Cache is { } policy ? CacheAsync(context, feature, policy) : _next(context);
    }

    private async Task CacheAsync(HttpContext context, GatewayRouteFeature feature, CachePolicy policy)
    {
        if (await ComputeKeyAsync(context, feature, policy) is not { } key)
        {
            await _next(context);
            return;
        }

        var aborted = context.RequestAborted;
        var lookup = await _store.GetAsync(key, aborted);
        if (Read(lookup) is { } cached)
        {
            await ServeHitAsync(context, feature, cached);
            return;
        }

        if (!_coalescer.TryLead(key, policy.Region, out var flight))
        {
            if (await flight.Result.WaitAsync(aborted) is { } shared)
            {
                await ServeHitAsync(context, feature, shared);
                return;
            }

            // The leader's response could not be cached (error, too large, client gone): make our own call.
            _metrics.CacheLookup(feature.Route, hit: false);
            await ForwardAndStoreAsync(context, feature, policy, key, flight: null);
            return;
        }

        CachedResponse? result = null;
        try
        {
            // Another leader may have stored the entry between our lookup and our taking the lead.
            if (lookup.Status == CacheStoreStatus.Missing && Read(await _store.GetAsync(key, aborted)) is { } late)
            {
                result = late;
                await ServeHitAsync(context, feature, late);
                return;
            }

            _metrics.CacheLookup(feature.Route, hit: false);
            result = await ForwardAndStoreAsync(context, feature, policy, key, flight);
        }
        finally
        {
            _coalescer.Complete(flight, result);
        }
    }

    private async ValueTask<string?> ComputeKeyAsync(HttpContext context, GatewayRouteFeature feature, CachePolicy policy)
    {
        // After load balancing the proxy feature holds the one destination the request goes to.
        if (context.Features.Get<IReverseProxyFeature>()?.AvailableDestinations is not { Count: > 0 } destinations)
        {
            return null;
        }

        var request = context.Request;
        var body = ReadOnlyMemory<byte>.Empty;
        if (policy.EnableContentHashing)
        {
            if (await RequestBodyBuffer.ReadAsync(request, _options.MaxRequestBodyBytes, context.RequestAborted) is not { } bytes)
            {
                Log.RequestBodyTooLarge(_logger, policy.RouteName, _options.MaxRequestBodyBytes);
                return null;
            }

            body = bytes;
        }

        var url = DownstreamRequestTransform.BuildUri(context, feature, destinations[0].Model.Config.Address);
        var headerValues = request.Headers[policy.Header];
        return CacheKey.Compose(
            feature.Route.DownstreamHttpMethod ?? request.Method,
            url.AbsoluteUri,
            headerValues.Count > 0 ? headerValues[0] : null,
            body.Span,
            policy.EnableContentHashing);
    }

    private CachedResponse? Read(CacheLookup lookup)
    {
        if (lookup.Value is null)
        {
            return null;
        }

        try
        {
            return CachedResponseSerializer.Deserialize(lookup.Value);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException)
        {
            // An entry written by another version of the gateway: treat it as a miss and overwrite it.
            Log.UnreadableEntry(_logger, ex.Message);
            return null;
        }
    }

    private Task ServeHitAsync(HttpContext context, GatewayRouteFeature feature, CachedResponse cached)
    {
        _metrics.CacheLookup(feature.Route, hit: true);
        var response = context.Response;
        response.Headers[CacheHeaders.Cache] = CacheHeaders.Hit;
        CachedResponseWriter.SetAge(response, cached, _time.GetUtcNow());
        if (feature.RequestId is not null)
        {
            response.Headers[feature.Route.RequestIdKey!] = feature.RequestId;
        }

        return CachedResponseWriter.WriteAsync(context, cached, context.RequestAborted);
    }

    private async Task<CachedResponse?> ForwardAndStoreAsync(
        HttpContext context, GatewayRouteFeature feature, CachePolicy policy, string key, ResponseFlight? flight)
    {
        var response = context.Response;
        response.Headers[CacheHeaders.Cache] = CacheHeaders.Miss;
        var before = new Dictionary<string, StringValues>(response.Headers, StringComparer.OrdinalIgnoreCase);
        var originalBody = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var body = new CapturingResponseBodyFeature(originalBody, _options.MaxBodyBytes);
        var capture = new ResponseCaptureFeature();
        context.Features.Set<IHttpResponseBodyFeature>(body);
        context.Features.Set(capture);
        try
        {
            await _next(context);
            await body.FlushWriterAsync();
        }
        finally
        {
            context.Features.Set(originalBody);
            context.Features.Set<ResponseCaptureFeature>(null);
        }

        if (!capture.DownstreamAnswered || feature.RetryableBodySuppressed
            || context.Features.Get<IForwarderErrorFeature>() is not null || context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }

        if (body.Capture.Overflowed)
        {
            Log.ResponseTooLarge(_logger, policy.RouteName, _options.MaxBodyBytes);
            return null;
        }

        var cached = new CachedResponse
        {
            StatusCode = response.StatusCode,
            ReasonPhrase = context.Features.Get<IHttpResponseFeature>()?.ReasonPhrase,
            Headers = DownstreamHeaders(response.Headers, before, feature),
            Body = body.Capture.Captured.ToArray(),
            StoredAt = _time.GetUtcNow(),
        };

        if (flight is null || _coalescer.IsCurrent(flight))
        {
            var status = await _store.SetAsync(key, CachedResponseSerializer.Serialize(cached), policy.Ttl, policy.Region, CancellationToken.None);
            if (status == CacheStoreStatus.Done)
            {
                Log.Stored(_logger, policy.RouteName, policy.Region, cached.StatusCode, cached.Body.Length);
            }
        }

        return cached;
    }

    /// <summary>
    /// The response's headers minus what the gateway added for this request only: values earlier steps set before the call
    /// (rate-limit counters, X-Cache), the request id, and framing headers.
    /// </summary>
    private static KeyValuePair<string, StringValues>[] DownstreamHeaders(
        IHeaderDictionary headers, Dictionary<string, StringValues> before, GatewayRouteFeature feature)
    {
        var kept = new List<KeyValuePair<string, StringValues>>(headers.Count);
        foreach (var (name, values) in headers)
        {
            if (IsPerRequest(name, feature))
            {
                continue;
            }

            var stored = values;
            if (before.TryGetValue(name, out var earlier))
            {
                // YARP appends downstream values to what was already there; keep only the appended ones.
                if (values.Count <= earlier.Count || !StartsWith(values, earlier))
                {
                    continue;
                }

                stored = new StringValues(values.ToArray()[earlier.Count..]);
            }

            kept.Add(new KeyValuePair<string, StringValues>(name, stored));
        }

        return [.. kept];
    }

    private static bool IsPerRequest(string name, GatewayRouteFeature feature) =>
        name.Equals(CacheHeaders.Cache, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Age, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.KeepAlive, StringComparison.OrdinalIgnoreCase)
        || (feature.RequestId is not null && name.Equals(feature.Route.RequestIdKey, StringComparison.OrdinalIgnoreCase));

    private static bool StartsWith(StringValues values, StringValues prefix)
    {
        for (var i = 0; i < prefix.Count; i++)
        {
            if (!string.Equals(values[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 610, Level = LogLevel.Debug,
            Message = "Cached the {StatusCode} response of {Route} in region {Region} ({BodyBytes} body bytes)")]
        public static partial void Stored(ILogger logger, string route, string region, int statusCode, int bodyBytes);

        [LoggerMessage(EventId = 611, Level = LogLevel.Debug,
            Message = "Response of {Route} not cached: its body exceeds Gateway:Caching:MaxBodyBytes ({Limit} bytes)")]
        public static partial void ResponseTooLarge(ILogger logger, string route, int limit);

        [LoggerMessage(EventId = 612, Level = LogLevel.Debug,
            Message = "Request on {Route} not cached: its body exceeds Gateway:Caching:MaxRequestBodyBytes ({Limit} bytes) needed for content hashing")]
        public static partial void RequestBodyTooLarge(ILogger logger, string route, int limit);

        [LoggerMessage(EventId = 613, Level = LogLevel.Warning, Message = "Ignoring an unreadable cache entry: {Reason}")]
        public static partial void UnreadableEntry(ILogger logger, string reason);
    }
}
