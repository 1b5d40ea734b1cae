using OcelotGateway.Configuration.File;

namespace OcelotGateway.Resilience;

/// <summary>A route's compiled retry extension (see <see cref="FileRetryOptions"/>); value equality keeps its budget across reloads.</summary>
public sealed record RetrySettings(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay, int BudgetPercent, int MinRetriesPerSecond)
{
    public static RetrySettings? Compile(FileRetryOptions? options)
    {
        if (options?.MaxRetries is not > 0)
        {
            return null;
        }

        return new RetrySettings(
            Math.Min(options.MaxRetries.Value, 10),
            TimeSpan.FromMilliseconds(options.BaseDelay is > 0 ? options.BaseDelay.Value : 100),
            TimeSpan.FromMilliseconds(options.MaxDelay is > 0 ? options.MaxDelay.Value : 2000),
            options.BudgetPercent is >= 0 ? options.BudgetPercent.Value : 20,
            options.MinRetriesPerSecond is >= 0 ? options.MinRetriesPerSecond.Value : 10);
    }
}
