using System.Globalization;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Whole-call <c>Timeout</c> (seconds): 0 or less silently means "not set", and a QoS timeout that is not shorter than it
/// can never fire.
/// </summary>
internal static class TimeoutRules
{
    /// <summary>Ocelot's whole-call timeout when neither the route nor the global configuration sets one.</summary>
    private const int DefaultSeconds = 90;

    public static void CheckRoute(int? routeTimeout, int? globalTimeout, FileQoSOptions? qos, ProblemScope scope)
    {
        if (routeTimeout is <= 0)
        {
            scope.Warning(nameof(FileRoute.Timeout), string.Create(
                CultureInfo.InvariantCulture, $"{routeTimeout} means not set, so {(globalTimeout is > 0 ? $"the global {globalTimeout} s" : $"{DefaultSeconds} s")} applies; remove it or give seconds above 0"));
        }

        CheckAgainstQoS(routeTimeout is > 0 ? routeTimeout.Value : globalTimeout is > 0 ? globalTimeout.Value : DefaultSeconds, qos, scope);
    }

    public static void CheckGlobal(FileGlobalConfiguration global, ProblemScope scope)
    {
        if (global.Timeout is <= 0)
        {
            scope.Warning(nameof(FileGlobalConfiguration.Timeout), string.Create(
                CultureInfo.InvariantCulture, $"{global.Timeout} means not set, so {DefaultSeconds} s applies; remove it or give seconds above 0"));
        }

        CheckAgainstQoS(global.Timeout is > 0 ? global.Timeout.Value : DefaultSeconds, global.QoSOptions, scope);
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
