namespace OcelotGateway.Security;

/// <summary>
/// One <c>RouteClaimsRequirement</c> entry: the caller needs a claim of this type with this value, or, when the value is
/// written <c>{name}</c>, with the value captured for that upstream placeholder.
/// </summary>
public sealed record ClaimRequirement(string ClaimType, string? Value, string? PlaceholderName)
{
    public static ClaimRequirement Parse(string claimType, string value) =>
        value.Length > 2 && value[0] == '{' && value[^1] == '}'
            ? new ClaimRequirement(claimType, null, value[1..^1])
            : new ClaimRequirement(claimType, value, null);
}
