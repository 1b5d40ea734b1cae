using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OcelotGateway.Errors;
using OcelotGateway.Routing;
using Yarp.ReverseProxy.Model;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// Asynchronous request-reply (our extension): answers <c>202 Accepted</c> at once with the request key and a <c>Location</c>
/// to poll, and leaves the downstream call to <see cref="AsyncReplyWorker"/>. An identical request from the same client while
/// the key is known (pending or done) gets the same key and starts no new call. Runs after authentication (the owner is the
/// user or client id) and load balancing (the call goes to the chosen destination). When the store is unavailable the
/// request is served synchronously instead.
/// </summary>
internal sealed partial class AsyncReplyStep
{
    private readonly RequestDelegate _next;
    private readonly ICacheStore _store;
    private readonly AsyncReplyWorker _worker;
    private readonly AsyncRequestReplyOptions _options;
    private readonly ILogger<AsyncReplyStep> _logger;

    public AsyncReplyStep(
        RequestDelegate next, ICacheStore store, AsyncReplyWorker worker, IOptions<AsyncRequestReplyOptions> options, ILogger<AsyncReplyStep> logger)
    {
        _next = next;
        _store = store;
        _worker = worker;
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

        var key = AsyncReplyKey.Compose(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, owner.Id, body);
        var pending = new AsyncReplyRecord { Owner = owner, RetryAfterSeconds = policy.RetryAfterSeconds };

        // A pending entry lives as long as the call may take, then as long as its result.
        var added = await _store.AddAsync(AsyncReplyWorker.StoreKey(key), pending.Serialize(), feature.Route.Timeout + policy.Ttl, context.RequestAborted);
        switch (added)
        {
            case CacheStoreStatus.Unavailable:
                Log.ServedSynchronously(_logger, feature.Route.DisplayName);
                await _next(context);
                return;
            case CacheStoreStatus.Done:
                _worker.Start(context, feature, policy, owner, key, body);
                Log.Accepted(_logger, feature.Route.DisplayName, key);
                break;
            default:
                Log.Reused(_logger, feature.Route.DisplayName, key);
                break;
        }

        await WriteAcceptedAsync(context, _options.PollPath, key, policy.RetryAfterSeconds, "pending");
    }

    /// <summary>202 with the key in the body, the poll URL in <c>Location</c> and <c>Retry-After</c>; also the answer to a poll while pending.</summary>
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
        [LoggerMessage(EventId = 633, Level = LogLevel.Debug, Message = "Accepted asynchronous request {Key} on {Route}")]
        public static partial void Accepted(ILogger logger, string route, string key);

        [LoggerMessage(EventId = 634, Level = LogLevel.Debug, Message = "Asynchronous request {Key} on {Route} is already known; reusing it")]
        public static partial void Reused(ILogger logger, string route, string key);

        [LoggerMessage(EventId = 635, Level = LogLevel.Warning,
            Message = "Asynchronous request on {Route} served synchronously: the shared cache is unavailable")]
        public static partial void ServedSynchronously(ILogger logger, string route);
    }
}
