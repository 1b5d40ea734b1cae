using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OcelotGateway.Errors;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// <c>GET {PollPath}/{key}</c>: 202 with <c>Retry-After</c> while the call is under way, the stored response once done, 404
/// when the key is unknown, expired or belongs to another client (the same answer, so keys of others cannot be probed).
/// While Redis is out the answer is 202 with status <c>unknown</c>: try again later, as when pending.
/// </summary>
internal static partial class AsyncReplyEndpoints
{
    private const int UnknownRetryAfterSeconds = 1;

    public static WebApplication MapAsyncReplies(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AsyncRequestReplyOptions>>().Value;
        app.MapGet(options.PollPath + "/{key}", PollAsync)
            .ExcludeFromDescription()
            // Before every proxied route, including catch-all ones such as "/{everything}".
            .Add(endpoint => ((RouteEndpointBuilder)endpoint).Order = int.MinValue);
        return app;
    }

    private static async Task PollAsync(HttpContext context)
    {
        var key = (string)context.GetRouteValue("key")!;
        var services = context.RequestServices;
        if (!AsyncReplyKey.IsWellFormed(key))
        {
            await NotFoundAsync(context);
            return;
        }

        var options = services.GetRequiredService<IOptions<AsyncRequestReplyOptions>>().Value;
        var lookup = await services.GetRequiredService<ICacheStore>().GetAsync(AsyncReplyWorker.ReplyKey(key), context.RequestAborted);
        if (lookup.Status == CacheStoreStatus.Unavailable)
        {
            // Says nothing about the key (it may not exist); the client's next poll gets the real answer.
            await AsyncReplyStep.WriteAcceptedAsync(context, options.PollPath, key, UnknownRetryAfterSeconds, "unknown");
            return;
        }

        AsyncReplyRecord? record = null;
        try
        {
            record = lookup.Value is null ? null : AsyncReplyRecord.Deserialize(lookup.Value);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException)
        {
            Log.Unreadable(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AsyncReplyEndpoints)), ex.Message);
        }

        if (record is null || !await record.Owner.IsCallerAsync(context))
        {
            await NotFoundAsync(context);
            return;
        }

        if (record.Response is not { } response)
        {
            await AsyncReplyStep.WriteAcceptedAsync(context, options.PollPath, key, record.RetryAfterSeconds, "pending");
            return;
        }

        await CachedResponseWriter.WriteAsync(context, response, context.RequestAborted);
    }

    private static Task NotFoundAsync(HttpContext context) => ProblemResponse.WriteAsync(
        context, StatusCodes.Status404NotFound, "Not Found", "No reply is known under this key for this client; it may have expired.", context.RequestAborted);

    private static partial class Log
    {
        [LoggerMessage(EventId = 636, Level = LogLevel.Warning, Message = "Ignoring an unreadable asynchronous reply: {Reason}")]
        public static partial void Unreadable(ILogger logger, string reason);
    }
}
