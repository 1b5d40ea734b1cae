using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OcelotGateway.RateLimiting;

/// <summary>Ocelot's period strings: a number (decimals allowed) and <c>ms</c>, <c>s</c>, <c>m</c>, <c>h</c> or <c>d</c>; no unit means milliseconds.</summary>
public static partial class RateLimitTimespan
{
    /// <summary>
    /// The longest period or wait accepted (<c>365d</c>). A window must fit the counter's expiry and the <c>X-RateLimit-Reset</c>
    /// time after any moment; a year is far beyond any quota window a gateway enforces.
    /// </summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    /// <summary>
    /// The period <paramref name="text"/> stands for. False when it is not a period string, and also when it is one whose length
    /// no <see cref="TimeSpan"/> can hold (<c>99999999999999d</c>), so a caller never meets an overflow.
    /// </summary>
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
        var milliseconds = number * match.Groups["unit"].Value switch
        {
            "s" => 1_000d,
            "m" => 60_000d,
            "h" => 3_600_000d,
            "d" => 86_400_000d,
            _ => 1d,
        };
        // Half the range leaves room for rounding and for adding a window to a time.
        if (!double.IsFinite(milliseconds) || milliseconds > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }

        value = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }

    /// <summary>Whether <paramref name="text"/> is written as a period, whatever its length.</summary>
    public static bool IsWellFormed(string text) => Pattern().IsMatch(text.Trim());

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|m|h|d)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
