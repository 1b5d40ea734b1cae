using System.Text.Json.Nodes;

namespace OcelotGateway.Tests.Configuration.Mutations;

/// <summary>
/// The values a careless operator or an attacker puts into route files: numbers at and past every boundary the model has,
/// period strings that overflow, text that is not a path, a header name or a host, invalid Unicode, and wrong shapes.
/// Text markers (see <see cref="RouteFileMutant"/>) stand for what a JSON tree cannot hold: lone surrogates, deep nesting.
/// </summary>
internal static class MutationValues
{
    public const string LoneSurrogateMarker = "__lone_surrogate__";
    public const string DeepNestingMarker = "__deep_nesting__";

    public static readonly string[] Numbers =
    [
        "0", "-1", "1", "2", "10", "11", "500", "501", "1000", "65535", "65536", "70000", "86400", "86401", "2073600", "2147483",
        "2147484", "86400000", "86400001", "31536000", "31536001", "2147483647", "-2147483648", "2147483648", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "1e300", "-1e300", "1e-300", "1.5", "0.5", "0.0", "-0.5", "3e10", "100000000000",
    ];

    public static readonly string[] Texts =
    [
        "", " ", "NaN", "Infinity", "-Infinity", "1e300", "-1", "0", "2147483648", "99999999999999d", "10675199d", "10675198d", "3650d",
        "366d", "365d", "1e5d", "0s", "0ms", "1.5m", "100000h", "-1s", "1s", "500ms", "abc", "/a/{x}", "/{", "{x}", "/a?b={c}",
        "/a/{x}/{x}", "//", "\\", "/héllo/ü", "x\r\nInjected: 1", "a b", "X-Header", "Claims[sub] > value", "Claims[", "Claims[sub] > value[99999999999] > ,", "٣s", "١",
        "http://x", "http://héllo.example", "[::1]", "::1", "localhost", "exa mple", "-", "*", "Get", "PURGE", "GET POST", "CookieStickySessions",
        "RoundRobin", "LeastConnection", "Consul", "PollConsul", "2.0", "3.0", "9.9", "RequestVersionExact", "{BaseUrl}",
        "{DownstreamBaseUrl}, {BaseUrl}", "{RemoteIpAddress}", "10.0.0.0/8", "256.1.1.1", "{0} per {1} {2}", "{", "}", "%", "%2e%2e",
        "/..", "/a/../b", "/{everything}", "/{**rest}", "/a/{b}?c={d}", "/a{x}b", "/{x}{y}", "/*", "/a/**", "/a%2Fb", "/a b",
        "/~", "/a:b", "/[a]", "/{x:int}", "/{{x}}", "/a/{x", "/a/x}", "/a/{x}/", "/?", "/a?", "/#", "/a/{x}?y", "a@b", "a#b", "a?b", "[1::2",
        "1.2.3.4.5", "xn--nxasmq6b", "/a\\b", "/.", "/a/./b", "/{x}.{y}", "/{ x }", "\u0000", "\u007f", "ä", "🙂", "\u200b",
        LoneSurrogateMarker, "a" + LoneSurrogateMarker + "b",
    ];

    public static readonly string[] Shapes =
    [
        "null", "true", "false", "{}", "[]", "[[]]", "[{}]", "[\"\"]", "[\"Get\"]", "{\"a\":{}}", "{\"a\":\"b\"}",
        "{\"Host\":\"localhost\",\"Port\":-1}", "[1,2]", "[null]", "[\"Get\",null]", "{\"x\":null}", DeepNestingMarker,
    ];

    /// <summary>Keys of the route-file model, and for option objects the keys inside them.</summary>
    public static readonly (string Key, string[] Inner)[] Keys =
    [
        ("RateLimitOptions", ["Period", "Limit", "Wait", "PeriodTimespan", "ClientIdHeader", "ClientWhitelist", "StatusCode", "HttpStatusCode", "QuotaExceededMessage", "EnableRateLimiting", "EnableHeaders", "KeyPrefix"]),
        ("QoSOptions", ["ExceptionsAllowedBeforeBreaking", "MinimumThroughput", "DurationOfBreak", "BreakDuration", "FailureRatio", "SamplingDuration", "TimeoutValue", "Timeout"]),
        ("RetryOptions", ["MaxRetries", "BaseDelay", "MaxDelay", "BudgetPercent", "MinRetriesPerSecond"]),
        ("LoadBalancerOptions", ["Type", "Key", "Expiry"]),
        ("CacheOptions", ["TtlSeconds", "Region", "Header", "EnableContentHashing"]),
        ("FileCacheOptions", ["TtlSeconds", "Region"]),
        ("HttpHandlerOptions", ["AllowAutoRedirect", "UseCookieContainer", "UseProxy", "UseTracing", "MaxConnectionsPerServer", "PooledConnectionLifetimeSeconds"]),
        ("AsyncRequestReply", ["Enabled", "TtlSeconds", "RetryAfterSeconds", "KeyHeader"]),
        ("SecurityOptions", ["IPAllowedList", "IPBlockedList", "ExcludeAllowedFromBlocked"]),
        ("ServiceDiscoveryProvider", ["Type", "Host", "Port", "PollingInterval", "Scheme", "ConfigurationKey"]),
        ("UpstreamHeaderTransform", ["X-Forwarded-For", "X-Custom", "bad header", "Host"]),
        ("DownstreamHeaderTransform", ["Location", "X-Custom", "Server", "bad header"]),
        ("AddHeadersToRequest", ["X-User", "bad header"]),
        ("AddQueriesToRequest", ["user", "a b"]),
        ("UpstreamHeaderTemplates", ["X-Tenant", "Host"]),
        ("ChangeDownstreamPathTemplate", ["id"]),
        ("Metadata", ["owner"]),
        ("Timeout", []),
        ("Priority", []),
        ("RequestIdKey", []),
        ("UpstreamHost", []),
        ("DownstreamHttpVersion", []),
        ("DownstreamHttpVersionPolicy", []),
        ("DownstreamHttpMethod", []),
        ("DownstreamScheme", []),
        ("UpstreamPathTemplate", []),
        ("DownstreamPathTemplate", []),
        ("UpstreamHttpMethod", []),
        ("DownstreamHostAndPorts", []),
        ("DelegatingHandlers", []),
        ("Key", []),
        ("RouteIsCaseSensitive", []),
        ("DangerousAcceptAnyServerCertificateValidator", []),
        ("BaseUrl", []),
        ("Host", []),
        ("Port", []),
    ];

    /// <summary>A value for <paramref name="pick"/>: a number, a text or a shape, in that proportion (5 : 4 : 2).</summary>
    public static JsonNode? Value(int pick)
    {
        var kind = pick % 11;
        var index = pick / 11;
        return kind switch
        {
            < 5 => JsonNode.Parse(Numbers[index % Numbers.Length]),
            < 9 => JsonValue.Create(Texts[index % Texts.Length]),
            _ => Shape(Shapes[index % Shapes.Length]),
        };
    }

    /// <summary>What a key added by a mutation holds: an options object with a few of its keys set, or a value.</summary>
    public static JsonNode? ValueFor(string key, string[] inner, int pick, int extra)
    {
        if (key is "DownstreamHostAndPorts")
        {
            return new JsonArray(new JsonObject { ["Host"] = Value(pick), ["Port"] = Value(extra) });
        }

        if (key is "UpstreamHttpMethod" or "DelegatingHandlers")
        {
            return new JsonArray(Value(pick));
        }

        if (inner.Length == 0)
        {
            return Value(pick);
        }

        var options = new JsonObject(RouteFileCorpus.NodeOptions);
        for (var i = 0; i <= extra % 4; i++)
        {
            options[inner[(extra / 4 + i * 7) % inner.Length]] = Value(pick + i * 13);
        }

        return options;
    }

    private static JsonNode? Shape(string text) =>
        text == DeepNestingMarker ? JsonValue.Create(DeepNestingMarker) : JsonNode.Parse(text, RouteFileCorpus.NodeOptions);
}
