using System.Globalization;
using OcelotGateway.Configuration.File;
using OcelotGateway.Resilience;

namespace OcelotGateway.Configuration.Validation;

/// <summary><c>RetryOptions</c> (our extension): back-off delays within what the retry strategy accepts, and the retry cap stated.</summary>
internal static class RetryRules
{
    public static void Check(FileRetryOptions? options, ProblemScope parent)
    {
        if (options is null)
        {
            return;
        }

        var scope = parent.Nested("RetryOptions");
        if (options.MaxRetries is > RetrySettings.MostRetries)
        {
            scope.Warning(nameof(FileRetryOptions.MaxRetries), string.Create(
                CultureInfo.InvariantCulture, $"{options.MaxRetries} is more than {RetrySettings.MostRetries}, so {RetrySettings.MostRetries} retries are made"));
        }

        foreach (var (key, delay) in new[] { (nameof(FileRetryOptions.BaseDelay), options.BaseDelay), (nameof(FileRetryOptions.MaxDelay), options.MaxDelay) })
        {
            if (delay is > RetrySettings.LongestDelayMilliseconds)
            {
                scope.Error(key, string.Create(
                    CultureInfo.InvariantCulture, $"{delay} ms is longer than the longest back-off, {RetrySettings.LongestDelayMilliseconds} ms (one day)"));
            }
        }
    }
}
