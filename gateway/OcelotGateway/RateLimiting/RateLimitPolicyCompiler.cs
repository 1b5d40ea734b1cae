using System.Collections.Frozen;
using System.Globalization;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.RateLimiting;

/// <summary>Resolves a route's merged <c>RateLimitOptions</c> into a <see cref="RateLimitPolicy"/>, legacy names winning as in Ocelot v25.</summary>
public static class RateLimitPolicyCompiler
{
    /// <summary>
    /// Null when limiting is off: no options, <c>EnableRateLimiting: false</c>, or an options object with neither <c>Limit</c>
    /// nor <c>Period</c>. The last is a deliberate difference: pre-24.1 files put only header names and messages in the global
    /// options, and Ocelot v25 then rejects every request with a limit of 0.
    /// </summary>
    public static RateLimitPolicy? Compile(FileRateLimitOptions? options, string scope, string routeName)
    {
        if (options is null || options.EnableRateLimiting == false || (options.Limit is null && string.IsNullOrWhiteSpace(options.Period)))
        {
            return null;
        }

        var periodText = string.IsNullOrWhiteSpace(options.Period) ? "1s" : options.Period.Trim();
        var period = RateLimitTimespan.TryParse(periodText, out var parsedPeriod) ? parsedPeriod.Value : TimeSpan.FromSeconds(1);
        var (wait, waitText) = ResolveWait(options);
        var limit = options.Limit ?? 0;
        var rule = new RateLimitRule(limit, period, periodText, wait, waitText);
        var message = options.QuotaExceededMessage ?? options.QuotaMessage ?? RateLimitPolicy.DefaultQuotaMessage;

        return new RateLimitPolicy
        {
            Rule = rule,
            ClientIdHeader = string.IsNullOrWhiteSpace(options.ClientIdHeader) ? RateLimitPolicy.DefaultClientIdHeader : options.ClientIdHeader.Trim(),
            ClientWhitelist = (options.ClientWhitelist ?? []).ToFrozenSet(StringComparer.Ordinal),
            StatusCode = options.HttpStatusCode ?? options.StatusCode ?? 429,
            QuotaMessage = Format(message, limit, periodText),
            EnableHeaders = options.DisableRateLimitHeaders is { } disabled ? !disabled : options.EnableHeaders ?? true,
            KeyPrefix = options.RateLimitCounterPrefix ?? options.KeyPrefix ?? RateLimitPolicy.DefaultKeyPrefix,
            Scope = scope,
            RouteName = routeName,
        };
    }

    private static (TimeSpan Wait, string Text) ResolveWait(FileRateLimitOptions options)
    {
        if (options.PeriodTimespan is > 0 and var seconds)
        {
            return (TimeSpan.FromSeconds(seconds), seconds.ToString(CultureInfo.InvariantCulture) + "s");
        }

        return !string.IsNullOrWhiteSpace(options.Wait) && RateLimitTimespan.TryParse(options.Wait, out var wait)
            ? (wait.Value, options.Wait.Trim())
            : (TimeSpan.Zero, "0s");
    }

    private static string Format(string message, long limit, string period)
    {
        try
        {
            return string.Format(CultureInfo.InvariantCulture, message, limit, period);
        }
        catch (FormatException)
        {
            return message;
        }
    }
}
