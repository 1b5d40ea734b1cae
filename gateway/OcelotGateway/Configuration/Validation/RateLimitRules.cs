using System.Globalization;
using OcelotGateway.Configuration.File;
using OcelotGateway.RateLimiting;

namespace OcelotGateway.Configuration.Validation;

/// <summary><c>RateLimitOptions</c>: on whenever present unless <c>EnableRateLimiting</c> is false, as in Ocelot.</summary>
internal static class RateLimitRules
{
    private const string Section = "RateLimitOptions";
    private const string PeriodFormat = "a number and ms, s, m, h or d, e.g. 1s, 500ms, 1.5m (no unit = ms)";

    /// <param name="global">The global options, which may supply a <c>Limit</c> the route leaves out.</param>
    public static void CheckRoute(FileRateLimitOptions? options, FileRateLimitOptions? global, ProblemScope parent, string section = Section)
    {
        if (options is null || options.EnableRateLimiting == false)
        {
            return;
        }

        var scope = parent.Nested(section);
        if (string.IsNullOrWhiteSpace(options.Period))
        {
            scope.Error(nameof(FileRateLimitOptions.Period), "required while rate limiting is on: " + PeriodFormat + "; or set EnableRateLimiting to false");
        }

        CheckValues(options, scope);
        if (options.Limit is null && global?.Limit is null)
        {
            scope.Warning(nameof(FileRateLimitOptions.Limit), "not set, so the limit is 0 and every request is rejected (Ocelot's default); set Limit");
        }
    }

    public static void CheckGlobal(FileRateLimitOptions? options, ProblemScope parent)
    {
        if (options is null || options.EnableRateLimiting == false)
        {
            return;
        }

        var scope = parent.Nested(Section);
        CheckValues(options, scope);
        if (options.Limit is null && string.IsNullOrWhiteSpace(options.Period))
        {
            scope.Warning(
                "",
                "has neither Limit nor Period: Ocelot v25 would limit every route in its group to 0 requests (reject all); "
                + "this gateway uses it only as defaults for routes' own RateLimitOptions");
        }
    }

    private static void CheckValues(FileRateLimitOptions options, ProblemScope scope)
    {
        CheckWindow(options.Period, nameof(FileRateLimitOptions.Period), scope);
        CheckWindow(options.Wait, nameof(FileRateLimitOptions.Wait), scope);

        if (options.Limit is <= 0)
        {
            scope.Error(nameof(FileRateLimitOptions.Limit), $"{options.Limit} must be above 0 (requests allowed per Period)");
        }

        if (options.PeriodTimespan is { } seconds && !(seconds >= 0 && seconds <= RateLimitTimespan.Longest.TotalSeconds))
        {
            scope.Error(nameof(FileRateLimitOptions.PeriodTimespan), string.Create(
                CultureInfo.InvariantCulture, $"{seconds} must be a number of seconds from 0 to {RateLimitTimespan.Longest.TotalSeconds} (365 days)"));
        }

        foreach (var (key, status) in new[] { (nameof(FileRateLimitOptions.StatusCode), options.StatusCode), (nameof(FileRateLimitOptions.HttpStatusCode), options.HttpStatusCode) })
        {
            if (status is < 100 or > 599)
            {
                scope.Error(key, $"{status} is not an HTTP status code; expected 100-599, usually 429");
            }
        }
    }

    private static void CheckWindow(string? text, string key, ProblemScope scope)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (!RateLimitTimespan.IsWellFormed(text))
        {
            scope.Error(key, $"'{text}' is not a period; expected " + PeriodFormat);
        }
        else if (!RateLimitTimespan.TryParse(text, out var window) || window > RateLimitTimespan.Longest)
        {
            scope.Error(key, $"'{text}' is longer than the longest period, 365d");
        }
    }
}
