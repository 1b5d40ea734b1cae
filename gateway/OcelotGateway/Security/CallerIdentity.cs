using System.Security.Claims;

namespace OcelotGateway.Security;

/// <summary>
/// Who an authenticated request comes from, for state kept per user: the <c>sub</c> claim, else the name identifier claim,
/// else the identity's name — each with the issuer of the claim it came from, so two token issuers using the same subject
/// ids never share state.
/// </summary>
public static class CallerIdentity
{
    public const string SubjectClaim = "sub";

    /// <summary>Null when the request is not authenticated or its principal names no one.</summary>
    public static string? Of(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var claim = user.FindFirst(SubjectClaim)
            ?? user.FindFirst(ClaimTypes.NameIdentifier)
            ?? (user.Identity is ClaimsIdentity identity ? user.FindFirst(identity.NameClaimType) : null);
        return claim is { Value.Length: > 0 } ? claim.Issuer + "\n" + claim.Value : null;
    }
}
