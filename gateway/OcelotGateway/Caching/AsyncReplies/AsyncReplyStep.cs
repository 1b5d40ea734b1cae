using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OcelotGateway.Errors;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// Asynchronous request-reply (our extension): answers <c>202 Accepted</c> at once with a poll key and a <c>Location</c> to
/// poll, and queues the downstream call for <see cref="AsyncReplyWorker"/>. An identical request of the same client while the
/// first is pending gets the same location and starts no new call. Within the bounds of <see cref="AsyncReplyLedger"/>, else
/// 429 (this client) or 503 (this instance) with <c>Retry-After</c>. Runs after authentication (the owner is the user or
/// client id) and load balancing (the call goes to the chosen destination). When the store is unavailable the request is
/// served synchronously instead.
/// </summary>
internal sealed partial class AsyncReplyStep
{
    private readonly RequestDelegate _next;
    private readonly ICacheStore _store;
    private readonly AsyncReplyWorker _worker;
    private readonly AsyncReplyLedger _ledger;
    private readonly AsyncRequestReplyOptions _options;
    private readonly ILogger<AsyncReplyStep> _logger;

    public AsyncReplyStep(
        RequestDelegate next,
        ICacheStore store,
        AsyncReplyWorker worker,
        AsyncReplyLedger ledger,
        IOptions<AsyncRequestReplyOptions> options,
        ILogger<AsyncReplyStep> logger)
    {
        _next = next;
        _store = store;
        _worker = worker;
        _ledger = ledger;
        _options = options.Value;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        // CORS pre-flights are answered as usual: they carry no identity and expect no 202.
        return feature?.Route.AsyncReply is { } policy && !HttpMethods.IsOptions(context.Request.Method)
            ? AcceptAsync(context, feature, policy)
            : _next(context);
    }

    private async Task AcceptAsync(HttpContext context, GatewayRouteFeature feature, AsyncReplyPolicy policy)
    {
        if (context.Features.Get<IReverseProxyFeature>()?.AvailableDestinations is not { Count: > 0 })
        {
            // No instance: the forwarder answers 503 as for any route.
            await _next(context);
            return;
        }

        if (AsyncReplyOwner.Identify(context, feature.Route) is not { } owner)
        {
            await ProblemResponse.WriteAsync(
                context,
                StatusCodes.Status400BadRequest,
                "Bad Request",
                "Asynchronous replies are kept for one client: authenticate, or send the client id header of this route.",
                context.RequestAborted);
            return;
        }

        var request = context.Request;
        if (await RequestBodyBuffer.ReadAsync(request, _options.MaxRequestBodyBytes, context.RequestAborted) is not { } body)
        {
            await ProblemResponse.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                "Payload Too Large",
                "The request body exceeds Gateway:AsyncRequestReply:MaxRequestBodyBytes.",
                context.RequestAborted);
            return;
        }

        var requestKey = AsyncReplyKey.Compose(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, owner.Id, body);
        var admission = _ledger.TryAdmit(owner.Id, body.Length);
        if (admission.Ticket is not { } ticket)
        {
            await AnswerRefusedAsync(context, feature, policy, requestKey, admission);
            return;
        }

        var handedOff = false;
        try
        {
            // Past admission the store writes ignore a client going away, so no half-made request is left behind.
            var (pollKey, isNew) = await ReserveAsync(feature.Route.Timeout, policy, owner, requestKey);
            if (pollKey is null)
            {
                Log.ServedSynchronously(_logger, feature.Route.DisplayName);
                await _next(context);
                return;
            }

            if (isNew)
            {
                handedOff = _worker.TryEnqueue(context, feature, policy, owner, pollKey, requestKey, body, ticket);
                if (!handedOff)
                {
                    // Admission keeps the queue below its capacity; this answers only if that ever breaks.
                    await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, policy.RetryAfterSeconds, "The queue of asynchronous requests is full.");
                    return;
                }

                Log.Accepted(_logger, feature.Route.DisplayName, requestKey);
            }
            else
            {
                Log.Reused(_logger, feature.Route.DisplayName, requestKey);
            }

            await WriteAcceptedAsync(context, _options.PollPath, pollKey, policy.RetryAfterSeconds, "pending");
        }
        finally
        {
            if (!handedOff)
            {
                _ledger.Release(ticket);
            }
        }
    }

    /// <summary>
    /// Writes the pending entry under a new poll key and claims the request key for it. Answers the new key, the key of an
    /// identical request of this client still pending (<c>IsNew</c> false), or null when the store is unavailable.
    /// </summary>
    private async Task<(string? PollKey, bool IsNew)> ReserveAsync(TimeSpan routeTimeout, AsyncReplyPolicy policy, AsyncReplyOwner owner, string requestKey)
    {
        var pollKey = AsyncReplyKey.NewPollKey();
        var pending = new AsyncReplyRecord { Owner = owner, RetryAfterSeconds = policy.RetryAfterSeconds };
        // A pending entry lives as long as the call may take (queueing included), then as long as its reply.
        var stored = await _store.SetAsync(AsyncReplyWorker.ReplyKey(pollKey), pending.Serialize(), routeTimeout + policy.Ttl, region: null, CancellationToken.None);
        if (stored != CacheStoreStatus.Done)
        {
            return (null, false);
        }

        var claim = await _store.AddOrGetAsync(AsyncReplyWorker.IndexKey(requestKey), Encoding.ASCII.GetBytes(pollKey), routeTimeout, CancellationToken.None);
        if (claim.Status == CacheStoreStatus.Missing)
        {
            return (pollKey, true);
        }

        // Unavailable, or an identical request of this client got there first (here or on another instance): share its call.
        await _store.RemoveAsync(AsyncReplyWorker.ReplyKey(pollKey), CancellationToken.None);
        return (PollKeyOf(claim), false);
    }

    /// <summary>
    /// Over a bound: an identical request still pending is free (its location is answered); anything else gets 429 when this
    /// client holds its share, else 503, both with <c>Retry-After</c>.
    /// </summary>
    private async Task AnswerRefusedAsync(HttpContext context, GatewayRouteFeature feature, AsyncReplyPolicy policy, string requestKey, AsyncReplyLedger.Admission admission)
    {
        var known = await _store.GetAsync(AsyncReplyWorker.IndexKey(requestKey), context.RequestAborted);
        if (known.Status == CacheStoreStatus.Unavailable)
        {
            Log.ServedSynchronously(_logger, feature.Route.DisplayName);
            await _next(context);
            return;
        }

        if (PollKeyOf(known) is { } existing)
        {
            Log.Reused(_logger, feature.Route.DisplayName, requestKey);
            await WriteAcceptedAsync(context, _options.PollPath, existing, policy.RetryAfterSeconds, "pending");
            return;
        }

        Log.Refused(_logger, feature.Route.DisplayName, admission.Refusal.ToString());
        switch (admission.Refusal)
        {
            case AsyncReplyLedger.Refusal.Client:
                await RefuseAsync(
                    context,
                    StatusCodes.Status429TooManyRequests,
                    policy.RetryAfterSeconds,
                    $"This client has {_options.MaxPendingPerClient} asynchronous requests pending (Gateway:AsyncRequestReply:MaxPendingPerClient); poll them, or retry later.");
                break;
            case AsyncReplyLedger.Refusal.Storage:
                await RefuseAsync(
                    context,
                    StatusCodes.Status503ServiceUnavailable,
                    (int)Math.Clamp(Math.Ceiling(admission.FirstExpiry.TotalSeconds), 1, int.MaxValue),
                    "The gateway keeps as many asynchronous replies as it may (Gateway:AsyncRequestReply:MaxStoredReplies, MaxStoredBytes); retry once some have expired.");
                break;
            default:
                await RefuseAsync(
                    context,
                    StatusCodes.Status503ServiceUnavailable,
                    policy.RetryAfterSeconds,
                    "The gateway holds as many pending asynchronous requests as it may (Gateway:AsyncRequestReply:MaxPending, MaxPendingBodyBytes); retry later.");
                break;
        }
    }

    private static Task RefuseAsync(HttpContext context, int status, int retryAfterSeconds, string detail)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var title = status == StatusCodes.Status429TooManyRequests ? "Too Many Requests" : "Service Unavailable";
        return ProblemResponse.WriteAsync(context, status, title, detail, context.RequestAborted);
    }

    private static string? PollKeyOf(CacheLookup lookup) =>
        lookup.Value is { } value && Encoding.ASCII.GetString(value) is var key && AsyncReplyKey.IsWellFormed(key) ? key : null;

    /// <summary>202 with the poll key in the body, the poll URL in <c>Location</c> and <c>Retry-After</c>; also the answer to a poll while pending.</summary>
    public static async Task WriteAcceptedAsync(HttpContext context, string pollPath, string key, int retryAfterSeconds, string status)
    {
        var location = context.Request.PathBase + pollPath + "/" + key;
        var response = context.Response;
        response.StatusCode = StatusCodes.Status202Accepted;
        response.Headers.Location = location;
        response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter.AsStream(leaveOpen: true));
        writer.WriteStartObject();
        writer.WriteString("key", key);
        writer.WriteString("status", status);
        writer.WriteString("location", location);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 633, Level = LogLevel.Debug, Message = "Accepted asynchronous request {RequestKey} on {Route}")]
        public static partial void Accepted(ILogger logger, string route, string requestKey);

        [LoggerMessage(EventId = 634, Level = LogLevel.Debug, Message = "Asynchronous request {RequestKey} on {Route} is pending already; sharing it")]
        public static partial void Reused(ILogger logger, string route, string requestKey);

        [LoggerMessage(EventId = 635, Level = LogLevel.Debug, Message = "Asynchronous request on {Route} served synchronously: the shared cache is unavailable")]
        public static partial void ServedSynchronously(ILogger logger, string route);

        [LoggerMessage(EventId = 638, Level = LogLevel.Debug, Message = "Asynchronous request on {Route} refused: {Bound} bound reached")]
        public static partial void Refused(ILogger logger, string route, string bound);
    }
}
