using OcelotGateway.Configuration.Validation;
using static OcelotGateway.Tests.Configuration.ValidationHarness;

namespace OcelotGateway.Tests.Configuration;

/// <summary>Load balancing, rate limiting, QoS, timeouts and caching options.</summary>
public sealed class OptionsValidationTests
{
    private const string At = "Routes[0] (/orders/{id})";

    [Fact]
    public void Validate_MisspelledLoadBalancer_IsErrorListingTheTypes()
    {
        var problem = ProblemAssert.HasError(ValidateRoute("""{ "LoadBalancerOptions": { "Type": "RoundRobbin" } }"""), At, "LoadBalancerOptions.Type", "unknown load balancer type");

        Assert.Equal("unknown load balancer type 'RoundRobbin'; expected NoLoadBalancer, RoundRobin, LeastConnection or CookieStickySessions", problem.Message);
    }

    [Fact]
    public void Validate_LoadBalancerInWrongCase_IsErrorNamingTheRightSpelling()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "LoadBalancerOptions": { "Type": "roundrobin" } }"""), At, "LoadBalancerOptions.Type", "names are case-sensitive, write RoundRobin");
    }

    [Fact]
    public void Validate_RegisteredCustomLoadBalancer_IsValid()
    {
        var context = new ValidationContext { CustomLoadBalancerTypes = new HashSet<string> { "Weighted" } };

        ProblemAssert.None(ValidateRoute("""{ "LoadBalancerOptions": { "Type": "Weighted" } }""", context));
        ProblemAssert.HasError(ValidateRoute("""{ "LoadBalancerOptions": { "Type": "Random" } }""", context), At, "LoadBalancerOptions.Type", "LeastConnection, CookieStickySessions or Weighted");
    }

    [Fact]
    public void Validate_StickySessionExpiryZero_IsError()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "LoadBalancerOptions": { "Type": "CookieStickySessions", "Key": "sid", "Expiry": 0 } }"""), At, "LoadBalancerOptions.Expiry", "must be above 0");
        ProblemAssert.None(ValidateRoute("""{ "LoadBalancerOptions": { "Type": "CookieStickySessions", "Key": "sid", "Expiry": 60000 } }"""));
    }

    [Fact]
    public void Validate_RateLimitWithoutPeriod_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "RateLimitOptions": { "Limit": 5 } }"""), At, "RateLimitOptions.Period", "required while rate limiting is on");
    }

    [Fact]
    public void Validate_DisabledRateLimitWithoutPeriod_IsValid()
    {
        ProblemAssert.None(ValidateRoute("""{ "RateLimitOptions": { "EnableRateLimiting": false } }"""));
    }

    [Theory]
    [InlineData("1 minute")]
    [InlineData("1min")]
    [InlineData("s")]
    public void Validate_BadPeriod_IsError(string period)
    {
        ProblemAssert.HasError(
            ValidateRoute($$"""{ "RateLimitOptions": { "Period": "{{period}}", "Limit": 5 } }"""), At, "RateLimitOptions.Period", $"'{period}' is not a period; expected a number and ms, s, m, h or d");
    }

    [Theory]
    [InlineData("1s")]
    [InlineData("1.5m")]
    [InlineData("500ms")]
    [InlineData("250")]
    [InlineData("1d")]
    public void Validate_Period_IsValid(string period)
    {
        ProblemAssert.None(ValidateRoute($$"""{ "RateLimitOptions": { "Period": "{{period}}", "Limit": 5, "Wait": "2s" } }"""));
    }

    [Fact]
    public void Validate_RateLimitWithZeroLimitOrBadWait_IsError()
    {
        var problems = ValidateRoute("""{ "RateLimitOptions": { "Period": "1s", "Limit": 0, "Wait": "soon" } }""");

        ProblemAssert.HasError(problems, At, "RateLimitOptions.Limit", "0 must be above 0");
        ProblemAssert.HasError(problems, At, "RateLimitOptions.Wait", "'soon' is not a period");
    }

    [Fact]
    public void Validate_RateLimitWithoutLimit_IsWarnedThatEveryRequestIsRejected()
    {
        ProblemAssert.HasWarning(ValidateRoute("""{ "RateLimitOptions": { "Period": "1s" } }"""), At, "RateLimitOptions.Limit", "every request is rejected");
    }

    [Fact]
    public void Validate_GlobalRateLimitWithOnlyHeaderSettings_IsWarned()
    {
        ProblemAssert.HasWarning(
            ValidateGlobal("""{ "RateLimitOptions": { "ClientIdHeader": "ClientId", "QuotaExceededMessage": "Slow down" } }"""),
            "GlobalConfiguration",
            "RateLimitOptions",
            "has neither Limit nor Period");
    }

    [Theory]
    [InlineData("BreakDuration", "500", "500 is 500 ms or less, so Ocelot uses 5000 ms instead")]
    [InlineData("DurationOfBreak", "100", "100 is 500 ms or less, so Ocelot uses 5000 ms instead")]
    [InlineData("MinimumThroughput", "1", "1 is below 2, so Ocelot uses 100 instead")]
    [InlineData("Timeout", "5", "5 is outside 11-86399999 ms, so Ocelot uses 30000 ms instead")]
    [InlineData("FailureRatio", "1.5", "1.5 is above 1, so Ocelot uses 0.5 instead")]
    [InlineData("SamplingDuration", "200", "200 is 500 ms or less, so Ocelot uses 10000 ms instead")]
    public void Validate_QoSValueOcelotWouldReplace_IsWarnedWithTheEffectiveValue(string key, string value, string message)
    {
        var qos = key == "MinimumThroughput" ? $"{{ \"{key}\": {value} }}" : $"{{ \"MinimumThroughput\": 3, \"{key}\": {value} }}";

        ProblemAssert.HasWarning(ValidateRoute("{ \"QoSOptions\": " + qos + " }"), At, "QoSOptions." + key, message);
    }

    [Fact]
    public void Validate_SensibleQoS_HasNoProblems()
    {
        ProblemAssert.None(ValidateRoute("""{ "QoSOptions": { "MinimumThroughput": 3, "BreakDuration": 1000, "Timeout": 2000, "FailureRatio": 0.5, "SamplingDuration": 10000 } }"""));
    }

    [Fact]
    public void Validate_RouteTimeoutZero_IsWarnedAsNotSet()
    {
        ProblemAssert.HasWarning(ValidateRoute("""{ "Timeout": 0 }"""), At, "Timeout", "0 means not set, so 90 s applies");
    }

    [Fact]
    public void Validate_QoSTimeoutNotShorterThanRouteTimeout_IsWarned()
    {
        ProblemAssert.HasWarning(
            ValidateRoute("""{ "Timeout": 3, "QoSOptions": { "Timeout": 5000 } }"""), At, "QoSOptions.Timeout", "5000 ms is not shorter than the whole-call Timeout of 3 s");
        ProblemAssert.None(ValidateRoute("""{ "Timeout": 3, "QoSOptions": { "Timeout": 2000 } }"""));
    }

    [Fact]
    public void Validate_NegativeCacheTtl_IsError()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "CacheOptions": { "TtlSeconds": -1 } }"""), At, "CacheOptions.TtlSeconds", "-1 must be 0 (no caching) or more seconds");
        ProblemAssert.None(ValidateRoute("""{ "CacheOptions": { "TtlSeconds": 0 } }"""));
    }

    [Theory]
    [InlineData("TtlSeconds", "0", "0 must be 1 to 3600 seconds")]
    [InlineData("TtlSeconds", "86400", "86400 must be 1 to 3600 seconds")]
    [InlineData("RetryAfterSeconds", "-1", "-1 must be 1 to 3600 seconds")]
    [InlineData("KeyHeader", "\"X Key\"", "'X Key' is not a valid header name")]
    public void Validate_AsyncRequestReplyOutOfBounds_IsError(string key, string value, string message)
    {
        ProblemAssert.HasError(ValidateRoute($$"""{ "AsyncRequestReply": { "{{key}}": {{value}} } }"""), At, "AsyncRequestReply." + key, message);
        ProblemAssert.None(ValidateRoute("""{ "AsyncRequestReply": { "TtlSeconds": 3600, "RetryAfterSeconds": 2, "KeyHeader": "X-Job" } }"""));
        ProblemAssert.None(ValidateRoute($$"""{ "AsyncRequestReply": { "Enabled": false, "{{key}}": {{value}} } }"""));
    }

    [Fact]
    public void Validate_LegacyAndCurrentCacheOptions_WarnsThatLegacyWins()
    {
        ProblemAssert.HasWarning(
            ValidateRoute("""{ "CacheOptions": { "TtlSeconds": 5 }, "FileCacheOptions": { "TtlSeconds": 10 } }"""), At, "CacheOptions", "the legacy FileCacheOptions is also set and wins");
    }

    [Fact]
    public void Validate_RateLimitStatusCodeOutOfRange_IsError()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "RateLimitOptions": { "Period": "1s", "Limit": 5, "StatusCode": 4290 } }"""), At, "RateLimitOptions.StatusCode", "4290 is not an HTTP status code");
        ProblemAssert.None(ValidateRoute("""{ "RateLimitOptions": { "Period": "1s", "Limit": 5, "StatusCode": 503 } }"""));
    }

    [Fact]
    public void Validate_LegacyAndCurrentQoSNamesWithDifferentValues_WarnsThatLegacyWins()
    {
        ProblemAssert.HasWarning(
            ValidateRoute("""{ "QoSOptions": { "ExceptionsAllowedBeforeBreaking": 3, "MinimumThroughput": 5 } }"""),
            At,
            "QoSOptions.MinimumThroughput",
            "ignored: the legacy ExceptionsAllowedBeforeBreaking (3) is also set and wins");
    }

    [Fact]
    public void Validate_RelativeBaseUrl_IsWarned()
    {
        ProblemAssert.HasWarning(ValidateGlobal("""{ "BaseUrl": "gateway.example.com" }"""), "GlobalConfiguration", "BaseUrl", "is not an absolute http(s) URL");
        ProblemAssert.None(ValidateGlobal("""{ "BaseUrl": "https://gateway.example.com" }"""));
    }

    [Fact]
    public void Validate_GlobalTimeoutZero_IsWarned()
    {
        ProblemAssert.HasWarning(ValidateGlobal("""{ "Timeout": -5 }"""), "GlobalConfiguration", "Timeout", "-5 means not set, so 90 s applies");
        ProblemAssert.None(ValidateGlobal("""{ "Timeout": 30 }"""));
    }
}
