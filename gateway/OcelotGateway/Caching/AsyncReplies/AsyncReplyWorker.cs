using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using OcelotGateway.Errors;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// Makes the downstream calls of accepted asynchronous requests in the background, at most
/// <see cref="AsyncRequestReplyOptions.MaxConcurrentCalls"/> at once; the others wait in a queue (bounded by
/// <see cref="AsyncRequestReplyOptions.MaxPending"/>, which admission enforces). A call is re-issued through YARP's
/// <see cref="IHttpForwarder"/> with the route's own transformer, HTTP client and destination, so the downstream service
/// receives exactly what a synchronous call would send (path, query, header transforms, claims), plus the request key header.
/// QoS (circuit breaker) does not apply; the route timeout does, counted from acceptance, queueing included.
/// </summary>
internal sealed partial class AsyncReplyWorker : BackgroundService
{
    private readonly IHttpForwarder _forwarder;
    private readonly ICacheStore _store;
    private readonly AsyncReplyLedger _ledger;
    private readonly AsyncRequestReplyOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AsyncReplyWorker> _logger;
    private readonly Channel<AsyncReplyJob> _queue;

    public AsyncReplyWorker(
        IHttpForwarder forwarder,
        ICacheStore store,
        AsyncReplyLedger ledger,
        IOptions<AsyncRequestReplyOptions> options,
        TimeProvider time,
        ILogger<AsyncReplyWorker> logger)
    {
        _forwarder = forwarder;
        _store = store;
        _ledger = ledger;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _queue = Channel.CreateBounded<AsyncReplyJob>(new BoundedChannelOptions(_options.MaxPending) { SingleWriter = false, SingleReader = false });
    }

    /// <summary>Raised with the poll key once a reply is stored (diagnostics and tests).</summary>
    public event Action<string>? Stored;

    /// <summary>Accepted requests whose reply is not stored yet, queued or calling downstream.</summary>
    public int InProgress => _ledger.Pending;

    public static string ReplyKey(string pollKey) => "reply:" + pollKey;

    public static string IndexKey(string requestKey) => "reply-index:" + requestKey;

    /// <summary>Copies what the call needs from the live request (it is recycled once the 202 is sent) and queues it.</summary>
    public bool TryEnqueue(
        HttpContext original, GatewayRouteFeature feature, AsyncReplyPolicy policy, AsyncReplyOwner owner,
        string pollKey, string requestKey, byte[] body, AsyncReplyLedger.Ticket ticket)
    {
        var proxy = original.Features.Get<IReverseProxyFeature>()!;
        var job = new AsyncReplyJob(
            CopyRequest(original, feature, policy, requestKey, body),
            feature,
            proxy.Route,
            proxy.Cluster!,
            proxy.AvailableDestinations[0].Model.Config.Address,
            policy,
            owner,
            pollKey,
            requestKey,
            _time.GetUtcNow(),
            ticket);
        return _queue.Writer.TryWrite(job);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.MaxConcurrentCalls).Select(_ => Task.Run(() => DrainAsync(stoppingToken), CancellationToken.None)));

    private async Task DrainAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stopping))
            {
                await RunAsync(job, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: queued requests are dropped; their pending entries expire and polls end with 404.
        }
    }

    private async Task RunAsync(AsyncReplyJob job, CancellationToken stopping)
    {
        var route = job.Feature.Route;
        try
        {
            var remaining = job.AcceptedAt + route.Timeout - _time.GetUtcNow();
            var response = remaining > TimeSpan.Zero
                ? await CallAsync(job, remaining, stopping)
                : Problem(job, StatusCodes.Status504GatewayTimeout, "Gateway Timeout", "The request waited for a free background call longer than the route's timeout.");
            if (response is not null)
            {
                await StoreAsync(job, response);
            }
        }
        catch (Exception ex)
        {
            // Nobody awaits this call: log, and let the pending entry expire so polls end with 404.
            Log.Failed(_logger, route.DisplayName, job.RequestKey, ex);
        }
        finally
        {
            _ledger.Release(job.Ticket);
        }
    }

    /// <summary>The downstream answer as a reply, or null when the gateway is stopping.</summary>
    private async Task<CachedResponse?> CallAsync(AsyncReplyJob job, TimeSpan remaining, CancellationToken stopping)
    {
        var context = job.Request;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(remaining);
        context.RequestAborted = deadline.Token;
        using var body = new CapturingResponseStream(Stream.Null, _options.MaxResponseBodyBytes);
        context.Response.Body = body;

        var error = await _forwarder.SendAsync(
            context, job.Destination, job.Cluster.HttpClient, job.Cluster.Config.HttpRequest ?? ForwarderRequestConfig.Empty, job.Route.Transformer, deadline.Token);
        if (stopping.IsCancellationRequested)
        {
            return null;
        }

        if (body.Overflowed)
        {
            return Problem(job, StatusCodes.Status502BadGateway, "Bad Gateway", "The downstream response is larger than Gateway:AsyncRequestReply:MaxResponseBodyBytes.");
        }

        return error switch
        {
            ForwarderError.None => Capture(context, body),
            _ when deadline.IsCancellationRequested || error == ForwarderError.RequestTimedOut =>
                Problem(job, StatusCodes.Status504GatewayTimeout, "Gateway Timeout", "The downstream service did not answer within the route's timeout."),
            _ => Problem(job, StatusCodes.Status502BadGateway, "Bad Gateway", "The downstream service could not be reached or broke the connection."),
        };
    }

    private async Task StoreAsync(AsyncReplyJob job, CachedResponse response)
    {
        var expiresAt = _time.GetUtcNow() + job.Policy.Ttl;
        var bytes = new AsyncReplyRecord { Owner = job.Owner, RetryAfterSeconds = job.Policy.RetryAfterSeconds, Response = response }.Serialize();
        if (!_ledger.TryComplete(job.Ticket, bytes.Length, expiresAt))
        {
            Log.NoRoom(_logger, job.Feature.Route.DisplayName, job.RequestKey, bytes.Length);
            var noRoom = Problem(
                job,
                StatusCodes.Status503ServiceUnavailable,
                "Service Unavailable",
                "The reply could not be kept: the gateway keeps as many reply bytes as Gateway:AsyncRequestReply:MaxStoredBytes allows. Send the request again later.");
            bytes = new AsyncReplyRecord { Owner = job.Owner, RetryAfterSeconds = job.Policy.RetryAfterSeconds, Response = noRoom }.Serialize();
            _ledger.Complete(job.Ticket, bytes.Length, expiresAt);
        }

        var status = await _store.SetAsync(ReplyKey(job.PollKey), bytes, job.Policy.Ttl, region: null, CancellationToken.None);
        // Identical requests from now on start a new call: a finished reply is found only through its poll key.
        await _store.RemoveAsync(IndexKey(job.RequestKey), CancellationToken.None);
        if (status != CacheStoreStatus.Done)
        {
            Log.NotStored(_logger, job.Feature.Route.DisplayName, job.RequestKey);
            return;
        }

        Log.Completed(_logger, job.Feature.Route.DisplayName, job.RequestKey, response.StatusCode);
        Stored?.Invoke(job.PollKey);
    }

    private static DefaultHttpContext CopyRequest(HttpContext original, GatewayRouteFeature feature, AsyncReplyPolicy policy, string requestKey, byte[] body)
    {
        var source = original.Request;
        var context = new DefaultHttpContext { User = original.User };
        var request = context.Request;
        request.Method = source.Method;
        request.Protocol = source.Protocol;
        request.Scheme = source.Scheme;
        request.Host = source.Host;
        request.PathBase = source.PathBase;
        request.Path = source.Path;
        request.QueryString = source.QueryString;
        foreach (var (name, values) in source.Headers)
        {
            request.Headers[name] = values;
        }

        request.Headers.Remove(HeaderNames.TransferEncoding);
        request.Headers.Remove(HeaderNames.Expect);
        request.Headers[policy.KeyHeader] = requestKey;
        request.ContentLength = body.Length > 0 ? body.Length : null;
        request.Body = new MemoryStream(body, writable: false);
        context.Connection.RemoteIpAddress = original.Connection.RemoteIpAddress;
        context.Connection.RemotePort = original.Connection.RemotePort;
        context.Features.Set(new GatewayRouteFeature(feature.Route, feature.Placeholders)
        {
            RequestId = feature.RequestId,
            DownstreamTarget = feature.DownstreamTarget,
        });
        return context;
    }

    private CachedResponse Capture(HttpContext context, CapturingResponseStream body)
    {
        var headers = new List<KeyValuePair<string, StringValues>>(context.Response.Headers.Count);
        foreach (var header in context.Response.Headers)
        {
            if (!header.Key.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(header);
            }
        }

        return new CachedResponse
        {
            StatusCode = context.Response.StatusCode,
            ReasonPhrase = context.Features.Get<IHttpResponseFeature>()?.ReasonPhrase,
            Headers = headers,
            Body = body.Captured.ToArray(),
            StoredAt = _time.GetUtcNow(),
        };
    }

    /// <summary>A problem+json reply, as a synchronous call would have got for the same failure.</summary>
    private CachedResponse Problem(AsyncReplyJob job, int status, string title, string detail)
    {
        var problem = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["instance"] = job.Request.Request.Path.Value ?? "/",
        });
        List<KeyValuePair<string, StringValues>> headers = [new(HeaderNames.ContentType, ProblemResponse.ContentType)];
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            headers.Add(new(HeaderNames.RetryAfter, job.Policy.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)));
        }

        return new CachedResponse { StatusCode = status, Headers = headers, Body = problem, StoredAt = _time.GetUtcNow() };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 630, Level = LogLevel.Debug, Message = "Asynchronous reply of request {RequestKey} on {Route} stored ({StatusCode})")]
        public static partial void Completed(ILogger logger, string route, string requestKey, int statusCode);

        [LoggerMessage(EventId = 631, Level = LogLevel.Information,
            Message = "Asynchronous reply of request {RequestKey} on {Route} could not be stored: the shared cache is unavailable")]
        public static partial void NotStored(ILogger logger, string route, string requestKey);

        [LoggerMessage(EventId = 632, Level = LogLevel.Error, Message = "Asynchronous call of request {RequestKey} on {Route} failed")]
        public static partial void Failed(ILogger logger, string route, string requestKey, Exception exception);

        [LoggerMessage(EventId = 637, Level = LogLevel.Warning,
            Message = "Asynchronous reply of request {RequestKey} on {Route} ({Bytes} bytes) replaced by a 503: Gateway:AsyncRequestReply:MaxStoredBytes is reached")]
        public static partial void NoRoom(ILogger logger, string route, string requestKey, int bytes);
    }
}
