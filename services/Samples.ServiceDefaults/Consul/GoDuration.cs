using System.Globalization;

namespace Samples.ServiceDefaults.Consul;

/// <summary>Writes a <see cref="TimeSpan"/> the way Consul reads durations: whole seconds as <c>10s</c>, anything finer in <c>ms</c>.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan value)
    {
        var milliseconds = (long)Math.Ceiling(value.TotalMilliseconds);
        return milliseconds % 1000 == 0
            ? (milliseconds / 1000).ToString(CultureInfo.InvariantCulture) + "s"
            : milliseconds.ToString(CultureInfo.InvariantCulture) + "ms";
    }
}
