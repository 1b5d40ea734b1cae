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
        var policy = context.Features.Get<GatewayRouteFeature>()?.Route.RateLimit;
        return policy is null ? _next(context) : LimitAsync(context, policy);
    }

    private async Task LimitAsync(HttpContext context, RateLimitPolicy policy)
    {
        var clientId = context.Request.Headers[policy.ClientIdHeader].ToString();
        if (clientId.Length > 0 && policy.ClientWhitelist.Contains(clientId))
        {
            await _next(context);
            return;
        }

        var rule = policy.Rule;
        if (clientId.Length == 0)
        {
            context.Response.Headers.RetryAfter = "-1";
            await ProblemResponse.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                "Service Unavailable",
                UnidentifiedClientDetail(policy),
                context.RequestAborted);
            return;
        }

        var countedId = RateLimitPolicy.CountedId(clientId);
        var key = policy.CounterKey(countedId);
        var decision = await _store.CountAsync(key, rule, context.RequestAborted);
        var counter = decision.Counter;
        if (counter.Total > rule.Limit)
        {
            Log.Rejected(_logger, countedId, policy.RouteName, rule.ToString(), counter.Total);
            _metrics.RateLimited(context.Features.Get<GatewayRouteFeature>()!.Route);
            var retryAfter = counter.RetryAfterSeconds(rule, decision.Now);
            await RejectAsync(context, policy, retryAfter);
            return;
        }

        if (policy.EnableHeaders)
        {
            var headers = context.Response.Headers;
            headers[LimitHeader] = rule.Limit.ToString(CultureInfo.InvariantCulture);
            headers[RemainingHeader] = (rule.Limit - counter.Total).ToString(CultureInfo.InvariantCulture);
            headers[ResetHeader] = (counter.StartedAt + rule.Period).UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
            context.Features.Get<GatewayRouteFeature>()!.RateLimitHeadersSet = true;
        }

        await _next(context);
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
