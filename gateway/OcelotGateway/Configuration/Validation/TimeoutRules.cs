using System.Globalization;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Whole-call <c>Timeout</c> (seconds): 0 or less silently means "not set", more than a day is refused (Ocelot bounds its QoS
/// timeout below a day too, and timers cannot run for more than about 24 days), and a QoS timeout that is not shorter than it
/// can never fire.
/// </summary>
internal static class TimeoutRules
{
    /// <summary>Longest whole-call timeout, in seconds.</summary>
    public const int LongestSeconds = 86_400;

    /// <summary>Ocelot's whole-call timeout when neither the route nor the global configuration sets one.</summary>
    private const int DefaultSeconds = 90;

    public static void CheckRoute(int? routeTimeout, int? globalTimeout, FileQoSOptions? qos, ProblemScope scope)
    {
        CheckLongest(routeTimeout, scope);
        if (routeTimeout is <= 0)
        {
            scope.Warning(nameof(FileRoute.Timeout), string.Create(
                CultureInfo.InvariantCulture, $"{routeTimeout} means not set, so {(globalTimeout is > 0 ? $"the global {globalTimeout} s" : $"{DefaultSeconds} s")} applies; remove it or give seconds above 0"));
        }

        CheckAgainstQoS(routeTimeout is > 0 ? routeTimeout.Value : globalTimeout is > 0 ? globalTimeout.Value : DefaultSeconds, qos, scope);
    }

    public static void CheckGlobal(FileGlobalConfiguration global, ProblemScope scope)
    {
        CheckLongest(global.Timeout, scope);
        if (global.Timeout is <= 0)
        {
            scope.Warning(nameof(FileGlobalConfiguration.Timeout), string.Create(
                CultureInfo.InvariantCulture, $"{global.Timeout} means not set, so {DefaultSeconds} s applies; remove it or give seconds above 0"));
        }

        CheckAgainstQoS(global.Timeout is > 0 ? global.Timeout.Value : DefaultSeconds, global.QoSOptions, scope);
    }

    private static void CheckLongest(int? seconds, ProblemScope scope)
    {
        if (seconds is > LongestSeconds)
        {
            scope.Error(nameof(FileRoute.Timeout), string.Create(
                CultureInfo.InvariantCulture, $"{seconds} s is longer than the longest timeout, {LongestSeconds} s (one day)"));
        }
    }

    private static void CheckAgainstQoS(int wholeCallSeconds, FileQoSOptions? qos, ProblemScope scope)
    {
        if (QoSRules.EffectiveTimeout(qos) is { } qosMilliseconds && qosMilliseconds >= wholeCallSeconds * 1000L)
        {
            scope.Warning("QoSOptions.Timeout", string.Create(
                CultureInfo.InvariantCulture,
                $"{qosMilliseconds} ms is not shorter than the whole-call Timeout of {wholeCallSeconds} s, so it can never fire; make it shorter"));
        }
    }
}
