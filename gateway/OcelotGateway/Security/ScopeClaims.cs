using System.Security.Claims;

namespace OcelotGateway.Security;

/// <summary>The caller's OAuth scopes: <c>scope</c> claims, each possibly one space-separated value, as Ocelot reads them.</summary>
internal static class ScopeClaims
{
    private static readonly string[] ClaimTypes = ["scope", "http://schemas.microsoft.com/identity/claims/scope"];

    public static bool HasAny(ClaimsPrincipal user, IReadOnlySet<string> allowed)
    {
        foreach (var claim in user.Claims)
        {
            if (!ClaimTypes.Contains(claim.Type, StringComparer.Ordinal))
            {
                continue;
            }

            foreach (var scope in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (allowed.Contains(scope))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
