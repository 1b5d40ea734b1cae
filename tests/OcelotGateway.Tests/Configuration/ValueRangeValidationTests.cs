using OcelotGateway.Configuration.Loading;
using static OcelotGateway.Tests.Configuration.ValidationHarness;

namespace OcelotGateway.Tests.Configuration;

/// <summary>
/// Every value that reaches the compiler is range-checked, and whatever a file holds is a reported problem rather than an
/// exception: the values that once stopped a running gateway or passed validation and then failed every request.
/// </summary>
public sealed class ValueRangeValidationTests
{
    private const string At = "Routes[0] (/orders/{id})";

    [Theory]
    [InlineData("99999999999999d")]
    [InlineData("10675199d")]
    [InlineData("366d")]
    [InlineData("8784h")]
    [InlineData("31536000001ms")]
    public void Validate_PeriodOrWaitBeyond365Days_IsError(string period)
    {
        var problems = ValidateRoute($$"""{ "RateLimitOptions": { "Period": "{{period}}", "Wait": "{{period}}", "Limit": 5 } }""");

        ProblemAssert.HasError(problems, At, "RateLimitOptions.Period", $"'{period}' is longer than the longest period, 365d");
        ProblemAssert.HasError(problems, At, "RateLimitOptions.Wait", $"'{period}' is longer than the longest period, 365d");
    }

    [Theory]
    [InlineData("365d")]
    [InlineData("8760h")]
    [InlineData("0s")]
    public void Validate_PeriodUpTo365Days_IsValid(string period)
    {
        ProblemAssert.None(ValidateRoute($$"""{ "RateLimitOptions": { "Period": "{{period}}", "Wait": "{{period}}", "Limit": 5 } }"""));
    }

    [Fact]
    public void Validate_PeriodInOtherScriptsDigits_IsErrorNotAnException()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "RateLimitOptions": { "Period": "٣s", "Limit": 5 } }"""), At, "RateLimitOptions.Period", "'٣s' is not a period");
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("-1")]
    [InlineData("31536001")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("\"-Infinity\"")]
    public void Validate_PeriodTimespanOutsideZeroTo365Days_IsError(string seconds)
    {
        ProblemAssert.HasError(
            ValidateRoute($$"""{ "RateLimitOptions": { "Period": "1s", "PeriodTimespan": {{seconds}}, "Limit": 5 } }"""),
            At,
            "RateLimitOptions.PeriodTimespan",
            "must be a number of seconds from 0 to 31536000 (365 days)");
    }

    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    public void Validate_FailureRatioNotANumber_IsError(string ratio)
    {
        ProblemAssert.HasError(
            ValidateRoute($$"""{ "QoSOptions": { "MinimumThroughput": 5, "FailureRatio": {{ratio}} } }"""), At, "QoSOptions.FailureRatio", "is not a ratio");
    }

    [Theory]
    [InlineData("BreakDuration", 86_400_000, "5000 ms")]
    [InlineData("DurationOfBreak", 2_147_483_647, "5000 ms")]
    [InlineData("SamplingDuration", 86_400_000, "10000 ms")]
    public void Validate_QoSWindowOfOneDayOrMore_IsWarningNamingTheDefaultUsed(string key, int milliseconds, string used)
    {
        ProblemAssert.HasWarning(
            ValidateRoute($$"""{ "QoSOptions": { "MinimumThroughput": 5, "{{key}}": {{milliseconds}} } }"""),
            At,
            "QoSOptions." + key,
            $"{milliseconds} is one day (86400000 ms) or more, so Ocelot uses {used} instead");
    }

    [Theory]
    [InlineData("BaseDelay")]
    [InlineData("MaxDelay")]
    public void Validate_RetryDelayOverOneDay_IsError(string key)
    {
        ProblemAssert.HasError(
            ValidateRoute($$"""{ "RetryOptions": { "MaxRetries": 2, "{{key}}": 86400001 } }"""), At, "RetryOptions." + key, "longer than the longest back-off");
    }

    [Fact]
    public void Validate_MoreThanTenRetries_IsWarningSayingTenAreMade()
    {
        ProblemAssert.HasWarning(ValidateRoute("""{ "RetryOptions": { "MaxRetries": 50 } }"""), At, "RetryOptions.MaxRetries", "50 is more than 10, so 10 retries are made");
    }

    [Fact]
    public void Validate_TimeoutOverOneDay_IsErrorOnRouteAndGlobal()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "Timeout": 86401 }"""), At, "Timeout", "86401 s is longer than the longest timeout, 86400 s");
        ProblemAssert.HasError(ValidateGlobal("""{ "Timeout": 2147483647 }"""), "GlobalConfiguration", "Timeout", "longer than the longest timeout");
        ProblemAssert.None(ValidateRoute("""{ "Timeout": 86400 }"""));
    }

    [Theory]
    [InlineData("exa mple")]
    [InlineData("user@orders")]
    [InlineData("orders?x")]
    [InlineData("orders#x")]
    [InlineData("[1::2")]
    public void Validate_HostThatIsNoHostName_IsError(string host)
    {
        ProblemAssert.HasError(
            ValidateRoute($$"""{ "DownstreamHostAndPorts": [ { "Host": "{{host}}", "Port": 80 } ] }"""), At, "DownstreamHostAndPorts[0].Host", "is not a host name or IP address");
    }

    [Theory]
    [InlineData("stock_api")]
    [InlineData("::1")]
    [InlineData("[::1]")]
    [InlineData("10.0.0.1")]
    [InlineData("xn--nxasmq6b.example")]
    public void Validate_HostNameOrAddress_IsValid(string host)
    {
        ProblemAssert.None(ValidateRoute($$"""{ "DownstreamHostAndPorts": [ { "Host": "{{host}}", "Port": 80 } ] }"""));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0.9")]
    [InlineData("9.9")]
    public void Validate_HttpVersionNoClientSends_IsError(string version)
    {
        ProblemAssert.HasError(ValidateRoute($$"""{ "DownstreamHttpVersion": "{{version}}" }"""), At, "DownstreamHttpVersion", "is not an HTTP version");
    }

    [Fact]
    public void Validate_HeaderNamesAndValuesThatCannotBeSent_AreErrors()
    {
        var problems = ValidateRoute("""
            { "RequestIdKey": "Request Id", "AsyncRequestReply": { "KeyHeader": "key:header" },
              "AddHeadersToRequest": { "X-Note": "line\r\nInjected: yes" },
              "DownstreamHeaderTransform": { "X-Where": "zürich" } }
            """);

        ProblemAssert.HasError(problems, At, "RequestIdKey", "'Request Id' is not a valid header name");
        ProblemAssert.HasError(problems, At, "AsyncRequestReply.KeyHeader", "is not a valid header name");
        ProblemAssert.HasError(problems, At, "AddHeadersToRequest.X-Note", "'line\\u000d\\u000aInjected: yes' cannot be sent in a header");
        ProblemAssert.HasError(problems, At, "DownstreamHeaderTransform.X-Where", "'zürich' cannot be sent in a header");
    }

    [Fact]
    public void Validate_NullItemInList_IsErrorNamingTheItem()
    {
        ProblemAssert.HasError(ValidateRoute("""{ "UpstreamHttpMethod": [ "Get", null ] }"""), null, "Routes[0].UpstreamHttpMethod[1]", "null in a list");
    }

    [Fact]
    public void Validate_EmptyObjectWhereTextIsExpected_IsError()
    {
        var problems = ValidateRoute("""{ "UpstreamHttpMethod": [ {} ], "AddHeadersToRequest": { "X-User": null } }""");

        ProblemAssert.HasError(problems, At, "UpstreamHttpMethod[0]", "expected a text, found null or an empty object");
        ProblemAssert.HasError(problems, At, "AddHeadersToRequest.X-User", "expected a text, found null or an empty object");
    }

    [Theory]
    [InlineData("""{ "Routes": [ { "Key": "\ud800" } ] }""", "Routes[0].Key")]
    [InlineData("""{ "Routes": [ { "Key": "a\udfffb" } ] }""", "Routes[0].Key")]
    [InlineData("""{ "Routes": [ { "UpstreamPathTemplate": "/\ud800/{x}" } ] }""", "Routes[0].UpstreamPathTemplate")]
    [InlineData("""{ "Routes": [ { "\ud800": 1 } ] }""", "Routes[0]")]
    public void Validate_LoneSurrogate_IsErrorNotAnException(string json, string key)
    {
        ProblemAssert.HasError(Validate(json), null, key, "not valid Unicode text");
    }

    [Fact]
    public void Validate_OverlongTextOrKey_IsError()
    {
        var text = new string('a', RouteFileLimits.MaxStringLength + 1);

        ProblemAssert.HasError(Validate($$"""{ "Routes": [ { "Key": "{{text}}" } ] }"""), null, "Routes[0].Key", "a value of 4097 characters");
        ProblemAssert.HasError(Validate($$"""{ "Routes": [ { "{{text}}": 1 } ] }"""), null, "Routes[0]", "a key of 4097 characters");
        ProblemAssert.NoneOn(ValidateRoute($$"""{ "Key": "{{text[1..]}}" }"""), "Key");
    }

    [Fact]
    public void Validate_NestingDeeperThan64_IsInvalidJson()
    {
        var deep = new string('[', 65) + new string(']', 65);

        var problem = Assert.Single(Validate($$"""{ "Routes": {{deep}} }"""), p => p.IsError);

        Assert.StartsWith("invalid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DocumentOver4MiB_IsErrorWithoutParsing()
    {
        var json = "{ \"Routes\": [], \"Padding\": \"" + new string(' ', RouteFileLimits.MaxFileBytes) + "\" }";

        ProblemAssert.HasError(new RouteFileLoader().LoadJson(json, "ocelot.json").Problems, null, ProblemLocations.WholeFile, "larger than 4 MiB");
    }

    [Fact]
    public void Validate_ClaimIndexBeyondAnyList_IsErrorNotAnException()
    {
        ProblemAssert.HasError(
            ValidateRoute("""{ "AddHeadersToRequest": { "X-Role": "Claims[role] > value[99999999999] > ," } }"""),
            At,
            "AddHeadersToRequest.X-Role",
            "is not a valid claim expression");
    }
}
