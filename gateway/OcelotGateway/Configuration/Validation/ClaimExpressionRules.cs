using OcelotGateway.Transforms;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// Values of <c>AddHeadersToRequest</c>, <c>AddQueriesToRequest</c>, <c>AddClaimsToRequest</c> and
/// <c>ChangeDownstreamPathTemplate</c> that start like a claim expression but do not parse: they would be sent as the
/// literal text instead of the claim's value.
/// </summary>
internal static class ClaimExpressionRules
{
    public static void Check(IReadOnlyDictionary<string, string> entries, string key, ProblemScope scope)
    {
        foreach (var (name, value) in entries)
        {
            if (value is not null
                && value.TrimStart().StartsWith("Claims[", StringComparison.OrdinalIgnoreCase)
                && !ClaimValueExpression.TryParse(value, out _))
            {
                scope.Error(
                    key + "." + name,
                    $"'{value}' is not a valid claim expression; expected Claims[type] > value, or Claims[type] > value[index] > delimiter");
            }
        }
    }
}
