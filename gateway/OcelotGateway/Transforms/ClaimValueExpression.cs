using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Text.RegularExpressions;

namespace OcelotGateway.Transforms;

/// <summary>
/// Ocelot's claim expression, <c>Claims[type] > value</c> or <c>Claims[type] > value[i] > delimiter</c>, used by
/// <c>AddHeadersToRequest</c>, <c>AddQueriesToRequest</c>, <c>AddClaimsToRequest</c> and <c>ChangeDownstreamPathTemplate</c>.
/// </summary>
public sealed partial class ClaimValueExpression
{
    private ClaimValueExpression(string claimType, int? index, string? delimiter)
    {
        ClaimType = claimType;
        Index = index;
        Delimiter = delimiter;
    }

    public string ClaimType { get; }

    public int? Index { get; }

    public string? Delimiter { get; }

    public static bool TryParse(string expression, [NotNullWhen(true)] out ClaimValueExpression? parsed)
    {
        var match = ExpressionPattern().Match(expression);
        if (!match.Success)
        {
            parsed = null;
            return false;
        }

        int? index = match.Groups["index"].Success
            ? int.Parse(match.Groups["index"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)
            : null;
        var delimiter = match.Groups["delimiter"].Success ? match.Groups["delimiter"].Value : null;
        parsed = new ClaimValueExpression(match.Groups["type"].Value.Trim(), index, delimiter);
        return true;
    }

    /// <summary>Resolves the value for a user; false when the claim is missing or the index is out of range (Ocelot answers 403).</summary>
    public bool TryResolve(ClaimsPrincipal user, [NotNullWhen(true)] out string? value)
    {
        value = null;
        string? joined = null;
        foreach (var claim in user.FindAll(ClaimType))
        {
            joined = joined is null ? claim.Value : string.Concat(joined, ",", claim.Value);
        }

        if (joined is null)
        {
            return false;
        }

        if (Index is null)
        {
            value = joined;
            return true;
        }

        var parts = joined.Split(Delimiter ?? ",");
        if (Index.Value < 0 || Index.Value >= parts.Length)
        {
            return false;
        }

        value = parts[Index.Value];
        return true;
    }

    [GeneratedRegex(@"^\s*Claims\[(?<type>[^\]]+)\]\s*>\s*value(\[(?<index>[0-9]{1,9})\])?\s*(>\s*(?<delimiter>.+?)\s*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ExpressionPattern();
}
