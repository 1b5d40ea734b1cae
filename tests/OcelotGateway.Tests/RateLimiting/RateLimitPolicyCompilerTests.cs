using OcelotGateway.Configuration.File;
using OcelotGateway.RateLimiting;

namespace OcelotGateway.Tests.RateLimiting;

public sealed class RateLimitPolicyCompilerTests
{
    [Fact]
    public void Compile_Defaults_AreOcelots()
    {
        var policy = RateLimitPolicyCompiler.Compile(new FileRateLimitOptions { Limit = 5, Period = "1m" }, "scope", "/r")!;

        Assert.Equal("Oc-Client", policy.ClientIdHeader);
        Assert.Equal(429, policy.StatusCode);
        Assert.True(policy.EnableHeaders);
        Assert.Equal("Ocelot.RateLimiting", policy.KeyPrefix);
        Assert.Equal("API calls quota exceeded! Maximum admitted 5 per 1m.", policy.QuotaMessage);
        Assert.Equal(TimeSpan.FromMinutes(1), policy.Rule.Period);
        Assert.Equal("5/1m/w0s", policy.Rule.ToString());
    }

    [Fact]
    public void Compile_LegacyNames_WinOverNewOnes()
    {
        var policy = RateLimitPolicyCompiler.Compile(
            new FileRateLimitOptions
            {
                Limit = 3,
                Period = "1s",
                PeriodTimespan = 2,
                Wait = "5s",
                HttpStatusCode = 418,
                StatusCode = 429,
                QuotaExceededMessage = "old",
                QuotaMessage = "new",
                DisableRateLimitHeaders = true,
                EnableHeaders = true,
                RateLimitCounterPrefix = "legacy",
                KeyPrefix = "modern",
            },
            "scope",
            "/r")!;

        Assert.Equal(TimeSpan.FromSeconds(2), policy.Rule.Wait);
        Assert.Equal(418, policy.StatusCode);
        Assert.Equal("old", policy.QuotaMessage);
        Assert.False(policy.EnableHeaders);
        Assert.Equal("legacy", policy.KeyPrefix);
    }

    [Theory]
    [InlineData(false, 3L, "1s")]
    [InlineData(null, null, null)]
    public void Compile_DisabledOrSettingsOnly_IsOff(bool? enabled, long? limit, string? period)
    {
        var policy = RateLimitPolicyCompiler.Compile(
            new FileRateLimitOptions { EnableRateLimiting = enabled, Limit = limit, Period = period, ClientIdHeader = "ClientId" },
            "scope",
            "/r");

        Assert.Null(policy);
    }

    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("300", 300)]
    public void Timespan_ParsesOcelotUnits(string text, double milliseconds)
    {
        Assert.True(RateLimitTimespan.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.Value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("1 s")]
    [InlineData("s")]
    [InlineData("1w")]
    public void Timespan_RejectsOtherText(string text) => Assert.False(RateLimitTimespan.TryParse(text, out _));
}
