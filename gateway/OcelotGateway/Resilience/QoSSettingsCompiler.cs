using OcelotGateway.Configuration.File;

namespace OcelotGateway.Resilience;

/// <summary>Applies Ocelot v25's rules to <c>QoSOptions</c> (all times in milliseconds; legacy names win when set).</summary>
public static class QoSSettingsCompiler
{
    /// <summary>Shortest break and sampling window Ocelot accepts; anything at or below it falls back to the default.</summary>
    public const int MinimumWindowMilliseconds = 500;

    /// <summary>Longest break and sampling window (one day, Polly's bound); anything at or above it falls back to the default, as in Ocelot.</summary>
    public const int MaximumWindowMilliseconds = 86_400_000;

    public static QoSSettings? Compile(FileQoSOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        var minimumThroughput = options.ExceptionsAllowedBeforeBreaking ?? options.MinimumThroughput;
        var breakDuration = options.DurationOfBreak ?? options.BreakDuration;
        var timeout = options.TimeoutValue ?? options.Timeout;
        var failureRatio = options.FailureRatio;
        var breakerOn = minimumThroughput > 0 || failureRatio > 0;
        if (!breakerOn && !(timeout > 0))
        {
            return null;
        }

        var ratioMode = failureRatio > 0;
        return new QoSSettings(
            BreakerEnabled: breakerOn,
            MinimumThroughput: minimumThroughput is >= 2 ? minimumThroughput.Value : QoSSettings.DefaultMinimumThroughput,
            BreakDuration: IsWindow(breakDuration) ? TimeSpan.FromMilliseconds(breakDuration!.Value) : QoSSettings.DefaultBreakDuration,
            // Count mode ("N consecutive failures") maps onto Polly's ratio breaker as "every sampled call failed".
            FailureRatio: !ratioMode ? 1.0 : failureRatio is > 0 and <= 1 ? failureRatio.Value : QoSSettings.DefaultFailureRatio,
            SamplingDuration: IsWindow(options.SamplingDuration)
                ? TimeSpan.FromMilliseconds(options.SamplingDuration!.Value)
                : QoSSettings.DefaultSamplingDuration,
            Timeout: timeout switch
            {
                null or <= 0 => null,
                > 10 and < 86_400_000 => TimeSpan.FromMilliseconds(timeout.Value),
                _ => QoSSettings.DefaultTimeout,
            });
    }

    /// <summary>Whether a break or sampling window is one Polly accepts; Ocelot replaces any other with its default.</summary>
    public static bool IsWindow(int? milliseconds) => milliseconds is > MinimumWindowMilliseconds and < MaximumWindowMilliseconds;
}
