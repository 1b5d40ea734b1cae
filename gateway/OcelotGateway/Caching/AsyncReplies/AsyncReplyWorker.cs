using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using OcelotGateway.Errors;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// Makes the downstream call of an accepted asynchronous request in the background and stores the complete response under
/// its key. The call is re-issued through YARP's <see cref="IHttpForwarder"/> with the route's own transformer, HTTP client
/// and destination, so the downstream service receives exactly what a synchronous call would send (path, query, header
/// transforms, claims), plus the request key header. QoS (circuit breaker) does not apply to it; the route timeout does.
/// </summary>
internal sealed partial class AsyncReplyWorker
{
    private readonly IHttpForwarder _forwarder;
    private readonly ICacheStore _store;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger<AsyncReplyWorker> _logger;
    private int _inProgress;

    public AsyncReplyWorker(IHttpForwarder forwarder, ICacheStore store, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<AsyncReplyWorker> logger)
    {
        _forwarder = forwarder;
        _store = store;
        _time = time;
        _lifetime = lifetime;
        _logger = logger;
    }

    /// <summary>Raised with the key once a result is stored (diagnostics and tests).</summary>
    public event Action<string>? Stored;

    /// <summary>Background calls started and not finished yet.</summary>
    public int InProgress => Volatile.Read(ref _inProgress);

    public static string StoreKey(string key) => "reply:" + key;

    /// <summary>Copies what the call needs from the live request (it is recycled once the 202 is sent) and starts the call.</summary>
    public void Start(HttpContext original, GatewayRouteFeature feature, AsyncReplyPolicy policy, AsyncReplyOwner owner, string key, byte[] body)
    {
        var proxy = original.Features.Get<IReverseProxyFeature>()!;
        var destination = proxy.AvailableDestinations[0].Model.Config.Address;
        var context = CopyRequest(original, feature, policy, key, body);
        Interlocked.Increment(ref _inProgress);
        _ = Task.Run(() => RunAsync(context, feature, proxy.Route, proxy.Cluster, destination, policy, owner, key));
    }

    private async Task RunAsync(
        HttpContext context, GatewayRouteFeature feature, RouteModel route, ClusterModel cluster, string destination,
        AsyncReplyPolicy policy, AsyncReplyOwner owner, string key)
    {
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.ApplicationStopping);
            deadline.CancelAfter(feature.Route.Timeout);
            context.RequestAborted = deadline.Token;
            var body = new MemoryStream();
            context.Response.Body = body;

            var error = await _forwarder.SendAsync(context, destination, cluster.HttpClient, cluster.Config.HttpRequest ?? ForwarderRequestConfig.Empty, route.Transformer);
            if (_lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }

            var response = error == ForwarderError.None
                ? Capture(context, body)
                : Failure(context, error, deadline.IsCancellationRequested);
            var record = new AsyncReplyRecord { Owner = owner, RetryAfterSeconds = policy.RetryAfterSeconds, Response = response };
            var status = await _store.SetAsync(StoreKey(key), record.Serialize(), policy.Ttl, region: null, CancellationToken.None);
            if (status != CacheStoreStatus.Done)
            {
                Log.NotStored(_logger, feature.Route.DisplayName, key);
                return;
            }

            Log.Completed(_logger, feature.Route.DisplayName, key, response.StatusCode);
            Stored?.Invoke(key);
        }
        catch (Exception ex)
        {
            // Nobody awaits this task: log, and let the pending entry expire so polls end with 404.
            Log.Failed(_logger, feature.Route.DisplayName, key, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _inProgress);
        }
    }

    private static DefaultHttpContext CopyRequest(HttpContext original, GatewayRouteFeature feature, AsyncReplyPolicy policy, string key, byte[] body)
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
        request.Headers[policy.KeyHeader] = key;
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

    private CachedResponse Capture(HttpContext context, MemoryStream body)
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
            Body = body.ToArray(),
            StoredAt = _time.GetUtcNow(),
        };
    }

    /// <summary>The answer a synchronous call would have got for a failed call: 504 on timeout, else 502, as problem+json.</summary>
    private CachedResponse Failure(HttpContext context, ForwarderError error, bool timedOut)
    {
        var (status, title, detail) = timedOut || error == ForwarderError.RequestTimedOut
            ? (StatusCodes.Status504GatewayTimeout, "Gateway Timeout", "The downstream service did not answer within the route's timeout.")
            : (StatusCodes.Status502BadGateway, "Bad Gateway", "The downstream service could not be reached or broke the connection.");
        var problem = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
            ["instance"] = context.Request.Path.Value ?? "/",
        });
        return new CachedResponse
        {
            StatusCode = status,
            Headers = [new(HeaderNames.ContentType, ProblemResponse.ContentType)],
            Body = problem,
            StoredAt = _time.GetUtcNow(),
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 630, Level = LogLevel.Debug, Message = "Asynchronous reply {Key} of {Route} stored ({StatusCode})")]
        public static partial void Completed(ILogger logger, string route, string key, int statusCode);

        [LoggerMessage(EventId = 631, Level = LogLevel.Warning,
            Message = "Asynchronous reply {Key} of {Route} could not be stored: the shared cache is unavailable")]
        public static partial void NotStored(ILogger logger, string route, string key);

        [LoggerMessage(EventId = 632, Level = LogLevel.Error, Message = "Asynchronous call {Key} of {Route} failed")]
        public static partial void Failed(ILogger logger, string route, string key, Exception exception);
    }
}
