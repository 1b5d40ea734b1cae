using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OcelotGateway.RateLimiting;

/// <summary>Ocelot's period strings: a number (decimals allowed) and <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>; no unit means milliseconds.</summary>
public static partial class RateLimitTimespan
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out TimeSpan? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var number = double.Parse(match.Groups["n"].ValueSpan, NumberStyles.Float, CultureInfo.InvariantCulture);
        value = match.Groups["unit"].Value switch
        {
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            "d" => TimeSpan.FromDays(number),
            _ => TimeSpan.FromMilliseconds(number),
        };
        return true;
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<unit>ms|s|m|h|d)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
