using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using OcelotGateway.Errors;
using OcelotGateway.Routing;

namespace OcelotGateway.Security;

/// <summary>
/// Ocelot's authorization: claims added from other claims first (<c>AddClaimsToRequest</c>), then the caller needs one of the
/// route's <c>AllowedScopes</c> and every <c>RouteClaimsRequirement</c>; claim values the downstream path, headers or query
/// need must exist. Anything missing answers 403.
/// </summary>
internal sealed class AuthorizationStep
{
    private const string MissingScope = "The token carries none of the scopes this route allows.";

    private readonly RequestDelegate _next;

    public AuthorizationStep(RequestDelegate next)
    {
        _next = next;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = context.Features.Get<GatewayRouteFeature>();
        if (feature is null || HttpMethods.IsOptions(context.Request.Method))
        {
            return _next(context);
        }

        var route = feature.Route;
        if (route.Authorization is null && (route.Authentication is null || route.Authentication.AllowedScopes.Count == 0))
        {
            return _next(context);
        }

        if (Authorize(context, feature) is not { } reason)
        {
            return _next(context);
        }

        if (string.Equals(reason, MissingScope, StringComparison.Ordinal))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        }

        return ProblemResponse.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", reason, context.RequestAborted);
    }

    /// <summary>Null when the caller may go on, else why not.</summary>
    private static string? Authorize(HttpContext context, GatewayRouteFeature feature)
    {
        var user = context.User;
        var route = feature.Route;
        var policy = route.Authorization;
        if (policy is not null && policy.AddClaims.Count > 0)
        {
            var identity = user.Identities.FirstOrDefault(i => i.IsAuthenticated) ?? new ClaimsIdentity();
            foreach (var addition in policy.AddClaims)
            {
                if (Resolve(addition, user) is not { } value)
                {
                    return $"The claim needed for '{addition.Name}' is missing.";
                }

                identity.AddClaim(new Claim(addition.Name, value));
            }
        }

        if (route.Authentication is { AllowedScopes.Count: > 0 } authentication && !ScopeClaims.HasAny(user, authentication.AllowedScopes))
        {
            return MissingScope;
        }

        if (policy is null)
        {
            return null;
        }

        foreach (var requirement in policy.RequiredClaims)
        {
            var expected = requirement.PlaceholderName is null
                ? requirement.Value
                : feature.Placeholders.TryGetValue(requirement.PlaceholderName, out var captured) ? captured : null;
            if (expected is null || !user.HasClaim(requirement.ClaimType, expected))
            {
                return $"The claim '{requirement.ClaimType}' does not have the required value.";
            }
        }

        foreach (var value in policy.RequiredForTransforms)
        {
            if (Resolve(value, user) is null)
            {
                return $"The claim needed for '{value.Name}' is missing.";
            }
        }

        foreach (var pathValue in policy.PathValues)
        {
            if (Resolve(pathValue, user) is not { } resolved)
            {
                return $"The claim needed for the downstream path value '{pathValue.Name}' is missing.";
            }

            feature.Placeholders.Add(pathValue.Name, resolved);
        }

        return null;
    }

    private static string? Resolve(Transforms.ValueSource source, ClaimsPrincipal user) =>
        source.Claim is null ? source.Literal : source.Claim.TryResolve(user, out var value) ? value : null;
}
