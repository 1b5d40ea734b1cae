using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OcelotGateway.Observability;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Forwarding;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.Caching;

/// <summary>
/// Ocelot's output cache (§2.9), after load balancing so the chosen host is part of the key, and before QoS so a hit never
/// reaches the circuit breaker or downstream. Any method and any downstream status is cached; responses the gateway made
/// itself (502, 504...) never are, nor responses <see cref="CacheableResponse"/> refuses. The key is
/// <see cref="CacheRequestKey"/>; a request carrying credentials the key does not cover bypasses the cache. Concurrent misses
/// for one key make one downstream call (<see cref="ResponseCoalescer"/>). On a miss the body streams to the client while a
/// copy is kept, up to <see cref="CachingOptions.MaxBodyBytes"/>.
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
            context.Response.Headers[CacheHeaders.Cache] = CacheHeaders.Miss;
            await _next(context);
            return;
        }

        // A region clear after this point means what we fetch may predate it: it is then not stored.
        var clears = _coalescer.ClearsOf(policy.Region);
        var aborted = context.RequestAborted;
        var lookup = await _store.GetAsync(key, aborted);
        if (Read(lookup) is { } cached && cached.Matches(context.Request))
        {
            await ServeHitAsync(context, feature, cached);
            return;
        }

        if (_coalescer.Join(key, policy.Region, out var leads) is not { } flight)
        {
            _metrics.CacheLookup(feature.Route, hit: false);
            await ForwardAndStoreAsync(context, feature, policy, key, clears);
            return;
        }

        if (!leads)
        {
            if (await flight.Result.WaitAsync(aborted) is { } shared && shared.Matches(context.Request))
            {
                await ServeHitAsync(context, feature, shared);
                return;
            }

            // The leader's response could not be cached (error, too large, private, client gone), or it varies on a header
            // this request sends differently: make our own call.
            _metrics.CacheLookup(feature.Route, hit: false);
            await ForwardAndStoreAsync(context, feature, policy, key, clears);
            return;
        }

        CacheEntry? result = null;
        try
        {
            // Another leader may have stored the entry between our lookup and our taking the lead.
            if (lookup.Status == CacheStoreStatus.Missing && Read(await _store.GetAsync(key, aborted)) is { } late && late.Matches(context.Request))
            {
                result = late;
                await ServeHitAsync(context, feature, late);
                return;
            }

            _metrics.CacheLookup(feature.Route, hit: false);
            result = await ForwardAndStoreAsync(context, feature, policy, key, clears);
        }
        finally
        {
            _coalescer.Complete(flight, result);
        }
    }

    /// <summary>Null when the request bypasses the cache (the reason is logged).</summary>
    private async ValueTask<string?> ComputeKeyAsync(HttpContext context, GatewayRouteFeature feature, CachePolicy policy)
    {
        // After load balancing the proxy feature holds the one destination the request goes to.
        if (context.Features.Get<IReverseProxyFeature>()?.AvailableDestinations is not { Count: > 0 } destinations)
        {
            return null;
        }

        var request = context.Request;
        if (CacheRequestKey.BypassReason(context, feature, policy, out var caller) is { } reason)
        {
            Log.RequestBypassed(_logger, policy.RouteName, reason);
            return null;
        }

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
        return CacheRequestKey.Compose(context, feature, policy, url, caller, body.Span);
    }

    private CacheEntry? Read(CacheLookup lookup)
    {
        if (lookup.Value is null)
        {
            return null;
        }

        try
        {
            return CacheEntrySerializer.Deserialize(lookup.Value);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException)
        {
            // An entry written by another version of the gateway: treat it as a miss and overwrite it.
            Log.UnreadableEntry(_logger, ex.Message);
            return null;
        }
    }

    private Task ServeHitAsync(HttpContext context, GatewayRouteFeature feature, CacheEntry entry)
    {
        var cached = entry.Response;
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

    /// <summary>Forwards the request and stores the response when it may be shared; returns what was shared, else null.</summary>
    private async Task<CacheEntry?> ForwardAndStoreAsync(HttpContext context, GatewayRouteFeature feature, CachePolicy policy, string key, long clears)
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

        if (CacheableResponse.RefusalReason(response.Headers) is { } reason)
        {
            Log.ResponseNotShared(_logger, policy.RouteName, reason);
            return null;
        }

        var entry = new CacheEntry
        {
            Varied = Varied(context.Request, CacheableResponse.VaryNames(response.Headers)),
            Response = new CachedResponse
            {
                StatusCode = response.StatusCode,
                ReasonPhrase = context.Features.Get<IHttpResponseFeature>()?.ReasonPhrase,
                Headers = StoredResponseHeaders.From(response.Headers, before, feature),
                Body = body.Capture.Captured.ToArray(),
                StoredAt = _time.GetUtcNow(),
            },
        };

        if (_coalescer.ClearsOf(policy.Region) == clears)
        {
            var status = await _store.SetAsync(key, CacheEntrySerializer.Serialize(entry), policy.Ttl, policy.Region, CancellationToken.None);
            if (status == CacheStoreStatus.Done)
            {
                Log.Stored(_logger, policy.RouteName, policy.Region, entry.Response.StatusCode, entry.Response.Body.Length);
            }
        }

        return entry;
    }

    private static KeyValuePair<string, string>[] Varied(HttpRequest request, IReadOnlyList<string> names)
    {
        var varied = new KeyValuePair<string, string>[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            varied[i] = new KeyValuePair<string, string>(names[i], request.Headers[names[i]].ToString());
        }

        return varied;
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

        [LoggerMessage(EventId = 614, Level = LogLevel.Debug, Message = "Request on {Route} bypasses the cache: {Reason}")]
        public static partial void RequestBypassed(ILogger logger, string route, string reason);

        [LoggerMessage(EventId = 615, Level = LogLevel.Debug, Message = "Response of {Route} not cached: {Reason}")]
        public static partial void ResponseNotShared(ILogger logger, string route, string reason);
    }
}
