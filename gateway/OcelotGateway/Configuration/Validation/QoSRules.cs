using System.Globalization;
using OcelotGateway.Configuration.File;
using OcelotGateway.Resilience;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// <c>QoSOptions</c> values Ocelot silently replaces with its defaults. Each warning says the value that really applies,
/// because a 500 ms break that quietly became 5 s is found only in an outage.
/// </summary>
internal static class QoSRules
{
    public static void Check(FileQoSOptions? options, ProblemScope parent)
    {
        if (options is null)
        {
            return;
        }

        var scope = parent.Nested("QoSOptions");
        var (throughputKey, throughput) = Pick(nameof(FileQoSOptions.ExceptionsAllowedBeforeBreaking), options.ExceptionsAllowedBeforeBreaking, nameof(FileQoSOptions.MinimumThroughput), options.MinimumThroughput, scope);
        var (breakKey, breakDuration) = Pick(nameof(FileQoSOptions.DurationOfBreak), options.DurationOfBreak, nameof(FileQoSOptions.BreakDuration), options.BreakDuration, scope);
        var (timeoutKey, timeout) = Pick(nameof(FileQoSOptions.TimeoutValue), options.TimeoutValue, nameof(FileQoSOptions.Timeout), options.Timeout, scope);
        var ratioMode = options.FailureRatio > 0;

        // Zero or less turns the count breaker off, unless a FailureRatio turns the breaker on anyway.
        if (throughput is { } minimum && minimum < 2 && (minimum > 0 || ratioMode))
        {
            scope.Warning(throughputKey, Replaced(minimum, "is below 2", "100"));
        }

        if (breakDuration is { } duration && !QoSSettingsCompiler.IsWindow(duration))
        {
            scope.Warning(breakKey, Replaced(duration, WindowReason(duration), "5000 ms"));
        }

        if (options.FailureRatio is { } notNumber && !double.IsFinite(notNumber))
        {
            scope.Error(nameof(FileQoSOptions.FailureRatio), $"{notNumber} is not a ratio; expected a number in (0, 1], e.g. 0.5");
        }
        else if (options.FailureRatio is > 1 and var ratio)
        {
            scope.Warning(nameof(FileQoSOptions.FailureRatio), Replaced(ratio, "is above 1", "0.5"));
        }
        else if (options.FailureRatio is < 0)
        {
            scope.Warning(nameof(FileQoSOptions.FailureRatio), "is below 0, so it is ignored and the breaker counts consecutive failures; expected a ratio in (0, 1]");
        }

        if (options.SamplingDuration is { } sampling && !QoSSettingsCompiler.IsWindow(sampling))
        {
            scope.Warning(nameof(FileQoSOptions.SamplingDuration), Replaced(sampling, WindowReason(sampling), "10000 ms"));
        }

        if (timeout is { } t && t > 0 && (t <= 10 || t >= 86_400_000))
        {
            scope.Warning(timeoutKey, Replaced(t, "is outside 11-86399999 ms", "30000 ms"));
        }
    }

    /// <summary>The per-attempt QoS timeout in milliseconds that really applies, or null when there is none.</summary>
    public static int? EffectiveTimeout(FileQoSOptions? options) =>
        (options?.TimeoutValue ?? options?.Timeout) switch
        {
            null or <= 0 => null,
            > 10 and < 86_400_000 and var valid => valid,
            _ => 30_000,
        };

    /// <summary>The value in force between a legacy name (which wins in Ocelot v25) and the current one, and its key.</summary>
    private static (string Key, int? Value) Pick(string legacyKey, int? legacy, string currentKey, int? current, ProblemScope scope)
    {
        if (legacy is null)
        {
            return (currentKey, current);
        }

        if (current is not null && current != legacy)
        {
            scope.Warning(currentKey, string.Create(CultureInfo.InvariantCulture, $"ignored: the legacy {legacyKey} ({legacy}) is also set and wins, as in Ocelot"));
        }

        return (legacyKey, legacy);
    }

    private static string WindowReason(int milliseconds) =>
        milliseconds <= QoSSettingsCompiler.MinimumWindowMilliseconds ? "is 500 ms or less" : "is one day (86400000 ms) or more";

    private static string Replaced(double value, string reason, string effective) =>
        string.Create(CultureInfo.InvariantCulture, $"{value} {reason}, so Ocelot uses {effective} instead; set it explicitly to what you mean");
}
