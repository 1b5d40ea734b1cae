using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Configuration.Compilation;
using OcelotGateway.RateLimiting;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// Who may read an asynchronous reply: the authenticated user (its <c>sub</c>, else its name) when the route authenticates,
/// otherwise the client id header the route's rate limiting uses (<c>Oc-Client</c> by default). The poll endpoint is not a
/// route, so it re-authenticates with the same schemes, or reads the same header, on every poll.
/// </summary>
internal sealed record AsyncReplyOwner(string Id, IReadOnlyList<string> Schemes, string? ClientIdHeader)
{
    public static AsyncReplyOwner? Identify(HttpContext context, CompiledRoute route)
    {
        if (route.Authentication is { } authentication && UserId(context.User) is { } user)
        {
            return new AsyncReplyOwner("user:" + user, authentication.Schemes, null);
        }

        var header = route.RateLimit?.ClientIdHeader ?? RateLimitPolicy.DefaultClientIdHeader;
        var clientId = context.Request.Headers[header].ToString();
        return clientId.Length > 0 ? new AsyncReplyOwner("client:" + clientId, [], header) : null;
    }

    /// <summary>True when the caller of <paramref name="context"/> is this owner; checked on every poll.</summary>
    public async Task<bool> IsCallerAsync(HttpContext context)
    {
        if (ClientIdHeader is not null)
        {
            return SameId("client:" + context.Request.Headers[ClientIdHeader].ToString());
        }

        foreach (var scheme in Schemes)
        {
            var result = await context.AuthenticateAsync(scheme);
            if (result.Succeeded)
            {
                return UserId(result.Principal) is { } user && SameId("user:" + user);
            }
        }

        return false;
    }

    private static string? UserId(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated != true ? null
        : user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.Identity.Name;

    private bool SameId(string candidate) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), SHA256.HashData(Encoding.UTF8.GetBytes(Id)));
}
