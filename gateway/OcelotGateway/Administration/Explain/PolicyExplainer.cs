using System.Globalization;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Caching;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.LoadBalancing;
using OcelotGateway.RateLimiting;
using OcelotGateway.Routing;
using OcelotGateway.Routing.Forwarding;
using OcelotGateway.Security;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace OcelotGateway.Administration.Explain;

/// <summary>
/// The policies a request meets on its route, in the pipeline's order (<see cref="Pipeline.GatewayPipeline"/>), read from the
/// compiled policy objects the steps themselves use, and decided for this request where the request decides it (IP filter,
/// rate-limit client, cache key).
/// </summary>
internal static class PolicyExplainer
{
    public const string Off = "off";

    public static IReadOnlyList<ExplainedPolicy> Explain(
        HttpContext context,
        GatewayRouteFeature feature,
        ClusterConfig cluster,
        IReadOnlyList<ExplainedInstance> instances,
        bool live,
        ClientAddressResolver clients)
    {
        var route = feature.Route;
        return
        [
            RequestId(route),
            IpFilter(context, route, clients),
            RateLimit(context, route),
            Authentication(route),
            Authorization(route),
            Retry(route),
            LoadBalancer(route, cluster, instances, live),
            Cache(context, feature, instances),
            QoS(route, live),
            ForwardedHeaders(route),
            new ExplainedPolicy("timeout", $"{Seconds(route.Timeout)} s until downstream response headers arrive, else 504", Details(("seconds", route.Timeout.TotalSeconds))),
        ];
    }

    private static ExplainedPolicy RequestId(CompiledRoute route) => route.RequestIdKey is { } key
        ? new ExplainedPolicy("request id", $"{key} is kept (or created), sent downstream and returned", Details(("header", key)))
        : new ExplainedPolicy("request id", Off, Details());

    private static ExplainedPolicy ForwardedHeaders(CompiledRoute route) => route.AddsForwardedHeaders
        ? new ExplainedPolicy(
            "forwarded headers", "X-Forwarded-For, -Proto and -Host (and -Prefix under a path base) describe the client's request, replacing the client's own",
            Details(("addForwardedHeaders", true)))
        : new ExplainedPolicy("forwarded headers", Off + ": the client's own X-Forwarded-* headers pass through unchanged", Details(("addForwardedHeaders", false)));

    private static ExplainedPolicy IpFilter(HttpContext context, CompiledRoute route, ClientAddressResolver clients)
    {
        if (route.IpFilter is not { } policy)
        {
            return new ExplainedPolicy("ip filter", Off, Details());
        }

        var client = clients.Resolve(context);
        var permitted = policy.Permits(client);
        var allowed = policy.Allowed.Select(r => r.Text).ToArray();
        var blocked = policy.Blocked.Select(r => r.Text).ToArray();
        var summary = (permitted ? "client " + client + " is let through" : "client " + (client?.ToString() ?? "(unknown)") + " is refused with 403")
            + $" (allowed: {List(allowed)}; blocked: {List(blocked)}{(policy.ExcludeAllowedFromBlocked ? "; allowed wins over blocked" : string.Empty)})";
        return new ExplainedPolicy("ip filter", summary, Details(
            ("clientAddress", client?.ToString()), ("permitted", permitted), ("allowed", allowed), ("blocked", blocked),
            ("excludeAllowedFromBlocked", policy.ExcludeAllowedFromBlocked)));
    }

    private static ExplainedPolicy RateLimit(HttpContext context, CompiledRoute route)
    {
        if (route.RateLimit is not { } policy)
        {
            return new ExplainedPolicy("rate limit", Off, Details());
        }

        var rule = policy.Rule;
        var clientId = context.Request.Headers[policy.ClientIdHeader].ToString();
        var whitelisted = clientId.Length > 0 && policy.ClientWhitelist.Contains(clientId);
        var countedId = clientId.Length == 0 || whitelisted ? null : RateLimitPolicy.CountedId(clientId);
        var limit = $"{rule.Limit} per {rule.PeriodText} per client";
        var summary = clientId.Length == 0 ? $"{limit}; this request has no {policy.ClientIdHeader} header, so it is refused with 503"
            : whitelisted ? $"{limit}; client {clientId} is whitelisted and not counted"
            : $"{limit}, client id {clientId} (from {policy.ClientIdHeader})"
                + (countedId == clientId ? string.Empty : $", counted as {countedId}")
                + $"; over the limit {policy.StatusCode} for {rule.WaitText}";
        return new ExplainedPolicy("rate limit", summary, Details(
            ("rule", rule.ToString()), ("clientIdHeader", policy.ClientIdHeader), ("clientId", clientId.Length == 0 ? null : clientId),
            ("whitelisted", whitelisted), ("countedAs", countedId), ("counterKey", countedId is null ? null : policy.CounterKey(countedId)),
            ("statusCode", policy.StatusCode), ("headers", policy.EnableHeaders)));
    }

    private static ExplainedPolicy Authentication(CompiledRoute route)
    {
        if (route.Authentication is not { } policy)
        {
            return new ExplainedPolicy("authentication", "off: the route is open", Details());
        }

        var scopes = policy.AllowedScopes.Order(StringComparer.Ordinal).ToArray();
        var summary = $"a bearer token of {string.Join(" or ", policy.Schemes)} is required (401 without one)"
            + (scopes.Length == 0 ? string.Empty : $"; it needs one of the scopes {string.Join(", ", scopes)} (else 403)");
        return new ExplainedPolicy("authentication", summary, Details(("schemes", policy.Schemes), ("allowedScopes", scopes)));
    }

    private static ExplainedPolicy Authorization(CompiledRoute route)
    {
        if (route.Authorization is not { } policy)
        {
            return new ExplainedPolicy("authorization", Off, Details());
        }

        var required = policy.RequiredClaims
            .Select(c => c.ClaimType + " = " + (c.PlaceholderName is null ? c.Value : "{" + c.PlaceholderName + "}"))
            .ToArray();
        var added = policy.AddClaims.Select(c => c.Name).ToArray();
        var summary = (required.Length == 0 ? "no claim required" : "claims required: " + string.Join(", ", required))
            + (added.Length == 0 ? string.Empty : "; claims added: " + string.Join(", ", added))
            + "; a missing claim answers 403";
        return new ExplainedPolicy("authorization", summary, Details(("requiredClaims", required), ("addedClaims", added)));
    }

    private static ExplainedPolicy Retry(CompiledRoute route)
    {
        if (route.Retry is not { } retry)
        {
            return new ExplainedPolicy("retry", Off, Details());
        }

        var settings = retry.Settings;
        return new ExplainedPolicy(
            "retry",
            $"up to {settings.MaxRetries} retries of 502/503/504 answers, backing off from {settings.BaseDelay.TotalMilliseconds} ms to {settings.MaxDelay.TotalMilliseconds} ms, within a budget of {settings.BudgetPercent}% of requests",
            Details(("maxRetries", settings.MaxRetries), ("baseDelayMs", settings.BaseDelay.TotalMilliseconds),
                ("maxDelayMs", settings.MaxDelay.TotalMilliseconds), ("budgetPercent", settings.BudgetPercent)));
    }

    private static ExplainedPolicy LoadBalancer(CompiledRoute route, ClusterConfig cluster, IReadOnlyList<ExplainedInstance> instances, bool live)
    {
        var policy = cluster.LoadBalancingPolicy;
        var type = policy == LoadBalancingPolicies.RoundRobin ? LoadBalancerTypes.RoundRobin
            : policy == LoadBalancingPolicies.LeastRequests ? LoadBalancerTypes.LeastConnection
            : policy == CookieStickySessionPolicy.PolicyName ? LoadBalancerTypes.CookieStickySessions
            : LoadBalancerTypes.NoLoadBalancer;
        var list = instances.Count == 0 ? "none" : string.Join(", ", instances.Select(i => i.Address + (i.Health == "unavailable" ? " (unavailable)" : string.Empty)));
        var summary = (route.ServiceName, live) switch
        {
            (null, _) => $"{type} over the configured instances: {list}",
            (_, true) => $"{type} over the passing instances of service {route.ServiceName}: {list}",
            _ => $"{type} over the passing instances of service {route.ServiceName}, looked up in Consul when the gateway runs",
        }
            + (route.StickySessions is { } sticky ? $"; cookie {sticky.CookieName} pins a client for {Seconds(sticky.Expiry)} s" : string.Empty);
        return new ExplainedPolicy("load balancer", summary, Details(
            ("type", type), ("serviceName", route.ServiceName), ("cluster", cluster.ClusterId), ("instances", instances)));
    }

    private static ExplainedPolicy Cache(HttpContext context, GatewayRouteFeature feature, IReadOnlyList<ExplainedInstance> instances)
    {
        var route = feature.Route;
        if (route.Cache is not { } policy)
        {
            return new ExplainedPolicy("cache", Off, Details());
        }

        var covered = "route, method, downstream URL, " + policy.Header + ", the X-Forwarded-* values"
            + (policy.KeysOnCaller ? ", the authenticated caller" : string.Empty)
            + (policy.EnableContentHashing ? ", the request body" : string.Empty);
        var summary = $"responses kept {Seconds(policy.Ttl)} s in region {policy.Region}; the key covers {covered}";

        // The key the cache step computes, by the same function on the same inputs, when the request alone decides it.
        string? key = null;
        string? bypass = null;
        if (policy.KeysOnCaller)
        {
            summary += "; the key is not shown: it depends on the caller, and an explanation has no authenticated caller";
        }
        else if (CacheRequestKey.BypassReason(context, feature, policy, out _) is { } reason)
        {
            bypass = reason;
            summary += "; this request bypasses the cache: " + reason;
        }
        else if (instances.Count > 0 && feature.DownstreamTarget is not null)
        {
            var url = DownstreamRequestTransform.BuildUri(context, feature, instances[0].Address);
            key = CacheRequestKey.Compose(context, feature, policy, url, caller: null, body: []);
            summary += (policy.EnableContentHashing ? "; key with an empty body " : "; key ") + key;
        }

        return new ExplainedPolicy("cache", summary, Details(
            ("ttlSeconds", policy.Ttl.TotalSeconds), ("region", policy.Region), ("header", policy.Header),
            ("contentHashing", policy.EnableContentHashing), ("keysOnCaller", policy.KeysOnCaller), ("bypass", bypass), ("key", key)));
    }

    private static ExplainedPolicy QoS(CompiledRoute route, bool live)
    {
        if (route.QoS is not { } breaker)
        {
            return new ExplainedPolicy("qos", Off, Details());
        }

        var settings = breaker.Settings;
        string? state = live && settings.BreakerEnabled ? ConsoleState(breaker.CircuitState) : null;
        var timeout = settings.Timeout is { } t ? $"{t.TotalMilliseconds} ms per call (504)" : "no per-call timeout";
        var summary = settings.BreakerEnabled
            ? (state is null ? "circuit breaker" : $"circuit {state}") + $": opens for {settings.BreakDuration.TotalMilliseconds} ms when {settings.FailureRatio:P0} of at least {settings.MinimumThroughput} calls in {settings.SamplingDuration.TotalMilliseconds} ms fail (503 while open); {timeout}"
            : timeout;
        return new ExplainedPolicy("qos", summary, Details(
            ("breaker", settings.BreakerEnabled), ("state", state),
            ("minimumThroughput", settings.MinimumThroughput), ("failureRatio", settings.FailureRatio),
            ("breakDurationMs", settings.BreakDuration.TotalMilliseconds), ("samplingDurationMs", settings.SamplingDuration.TotalMilliseconds),
            ("timeoutMs", settings.Timeout?.TotalMilliseconds)));
    }

    /// <summary>Polly's state as the console names it.</summary>
    internal static string ConsoleState(Polly.CircuitBreaker.CircuitState state) => state switch
    {
        Polly.CircuitBreaker.CircuitState.Open => "open",
        Polly.CircuitBreaker.CircuitState.HalfOpen => "half-open",
        Polly.CircuitBreaker.CircuitState.Isolated => "isolated",
        _ => "closed",
    };

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string List(string[] items) => items.Length == 0 ? "none" : string.Join(", ", items);

    private static Dictionary<string, object?> Details(params (string Name, object? Value)[] entries)
    {
        var details = new Dictionary<string, object?>(entries.Length, StringComparer.Ordinal);
        foreach (var (name, value) in entries)
        {
            details[name] = value;
        }

        return details;
    }
}
