using System.Globalization;
using System.Text.RegularExpressions;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>Go durations as Consul accepts them in <c>wait</c> and check intervals: <c>10s</c>, <c>5m</c>, <c>1500ms</c>, <c>1m30s</c>.</summary>
internal static partial class ConsulDuration
{
    public static TimeSpan Parse(string? text, TimeSpan fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var total = TimeSpan.Zero;
        var matches = Part().Matches(text);
        foreach (Match part in matches)
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(value),
                "s" => TimeSpan.FromSeconds(value),
                "m" => TimeSpan.FromMinutes(value),
                _ => TimeSpan.FromHours(value),
            };
        }

        return matches.Count == 0 ? fallback : total;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
