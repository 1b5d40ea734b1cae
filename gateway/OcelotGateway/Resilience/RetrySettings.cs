using OcelotGateway.Configuration.File;

namespace OcelotGateway.Resilience;

/// <summary>A route's compiled retry extension (see <see cref="FileRetryOptions"/>); value equality keeps its budget across reloads.</summary>
public sealed record RetrySettings(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay, int BudgetPercent, int MinRetriesPerSecond)
{
    /// <summary>Most retries made after the first attempt, whatever <c>MaxRetries</c> says.</summary>
    public const int MostRetries = 10;

    /// <summary>Longest back-off delay (one day, the retry strategy's bound); validation refuses longer ones.</summary>
    public const int LongestDelayMilliseconds = 86_400_000;

    public static RetrySettings? Compile(FileRetryOptions? options)
    {
        if (options?.MaxRetries is not > 0)
        {
            return null;
        }

        return new RetrySettings(
            Math.Min(options.MaxRetries.Value, MostRetries),
            TimeSpan.FromMilliseconds(options.BaseDelay is > 0 ? options.BaseDelay.Value : 100),
            TimeSpan.FromMilliseconds(options.MaxDelay is > 0 ? options.MaxDelay.Value : 2000),
            options.BudgetPercent is >= 0 ? options.BudgetPercent.Value : 20,
            options.MinRetriesPerSecond is >= 0 ? options.MinRetriesPerSecond.Value : 10);
    }
}
