using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OcelotGateway.Bounds;
using OcelotGateway.Errors;
using OcelotGateway.Observability;
using OcelotGateway.Routing;

namespace OcelotGateway.RateLimiting;

/// <summary>
/// Ocelot's client rate limiting: the client is the value of <c>ClientIdHeader</c>; whitelisted clients pass; others are
/// counted per route and rejected with <c>StatusCode</c> and <c>Retry-After</c> once over the limit. Ids longer than
/// <see cref="BoundedKeyPart.MaxLength"/> characters are counted under their SHA-256. Accepted responses
/// carry <c>X-RateLimit-Limit</c>, <c>-Remaining</c> and <c>-Reset</c> unless headers are disabled.
/// </summary>
internal sealed partial class RateLimitingStep
{
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string RemainingHeader = "X-RateLimit-Remaining";
    public const string ResetHeader = "X-RateLimit-Reset";

    /// <summary>The headers above, in the order they are set.</summary>
    public static readonly string[] Headers = [LimitHeader, RemainingHeader, ResetHeader];

    private readonly RequestDelegate _next;
    private readonly IRateLimitCounterStore _store;
    private readonly ILogger<RateLimitingStep> _logger;
    private readonly GatewayMetrics _metrics;

    public RateLimitingStep(RequestDelegate next, IRateLimitCounterStore store, ILogger<RateLimitingStep> logger, GatewayMetrics metrics)
    {
        _next = next;
        _store = store;
        _logger = logger;
        _metrics = metrics;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        return feature?.Route.RateLimit is { } policy ? LimitAsync(context, feature, policy) : _next(context);
    }

    // Not an async method: with counters in this process the count is known at once, and the request then goes on without an
    // asynchronous frame of this step around the rest of the pipeline.
    private Task LimitAsync(HttpContext context, GatewayRouteFeature feature, RateLimitPolicy policy)
    {
        var clientId = context.Request.Headers[policy.ClientIdHeader].ToString();
        if (clientId.Length > 0 && policy.ClientWhitelist.Contains(clientId))
        {
            return _next(context);
        }

        if (clientId.Length == 0)
        {
            context.Response.Headers.RetryAfter = "-1";
            return ProblemResponse.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                "Service Unavailable",
                UnidentifiedClientDetail(policy),
                context.RequestAborted);
        }

        var countedId = RateLimitPolicy.CountedId(clientId);
        var counting = _store.CountAsync(policy.CounterKey(countedId), policy.Rule, context.RequestAborted);
        return counting.IsCompletedSuccessfully
            ? Decide(context, feature, policy, countedId, counting.Result)
            : DecideAsync(context, feature, policy, countedId, counting);
    }

    private async Task DecideAsync(HttpContext context, GatewayRouteFeature feature, RateLimitPolicy policy, string countedId, ValueTask<RateLimitDecision> counting) =>
        await Decide(context, feature, policy, countedId, await counting);

    private Task Decide(HttpContext context, GatewayRouteFeature feature, RateLimitPolicy policy, string countedId, RateLimitDecision decision)
    {
        var rule = policy.Rule;
        var counter = decision.Counter;
        if (counter.Total > rule.Limit)
        {
            Log.Rejected(_logger, countedId, policy.RouteName, rule.ToString(), counter.Total);
            _metrics.RateLimited(feature.Route);
            return RejectAsync(context, policy, counter.RetryAfterSeconds(rule, decision.Now));
        }

        if (policy.EnableHeaders)
        {
            var headers = context.Response.Headers;
            headers[LimitHeader] = policy.LimitText;
            headers[RemainingHeader] = (rule.Limit - counter.Total).ToString(CultureInfo.InvariantCulture);
            headers[ResetHeader] = policy.ResetText(counter.StartedAt);
            feature.RateLimitHeadersSet = true;
        }

        return _next(context);
    }

    /// <summary>Ocelot's answer to a request without a client id (<c>explain</c> quotes it).</summary>
    internal static string UnidentifiedClientDetail(RateLimitPolicy policy) =>
        $"Rate limiting client could not be identified for the route '{policy.RouteName}' due to a missing or unknown client ID header required by rule '{policy.Rule}'!";

    private static Task RejectAsync(HttpContext context, RateLimitPolicy policy, double retryAfterSeconds)
    {
        if (policy.EnableHeaders)
        {
            context.Response.Headers.RetryAfter = Math.Max(retryAfterSeconds, 0).ToString(CultureInfo.InvariantCulture);
        }

        return ProblemResponse.WriteAsync(context, policy.StatusCode, "Too Many Requests", policy.QuotaMessage, context.RequestAborted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 410, Level = LogLevel.Debug,
            Message = "Client {ClientId} exceeded rule {Rule} on {Route} ({Total} requests in the window)")]
        public static partial void Rejected(ILogger logger, string clientId, string route, string rule, long total);
    }
}
