using System.Collections.Frozen;
using OcelotGateway.Configuration.File;
using OcelotGateway.Transforms;

namespace OcelotGateway.Security;

/// <summary>Compiles a route's authentication and claim rules (reference §2.10–2.11).</summary>
public static class SecurityPolicyCompiler
{
    /// <summary>
    /// Null when the route is open: no options, no scheme named, or <c>AllowAnonymous: true</c> (which lets a route opt out
    /// of global authentication). <c>AuthenticationProviderKey</c> is tried before <c>AuthenticationProviderKeys</c>.
    /// </summary>
    public static AuthenticationPolicy? CompileAuthentication(FileAuthenticationOptions? options)
    {
        if (options is null || options.AllowAnonymous == true)
        {
            return null;
        }

        var schemes = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.AuthenticationProviderKey))
        {
            schemes.Add(options.AuthenticationProviderKey.Trim());
        }

        foreach (var key in options.AuthenticationProviderKeys ?? [])
        {
            if (!string.IsNullOrWhiteSpace(key) && !schemes.Contains(key.Trim(), StringComparer.Ordinal))
            {
                schemes.Add(key.Trim());
            }
        }

        return schemes.Count == 0
            ? null
            : new AuthenticationPolicy
            {
                Schemes = schemes,
                AllowedScopes = (options.AllowedScopes ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).ToFrozenSet(StringComparer.Ordinal),
            };
    }

    public static AuthorizationPolicy? CompileAuthorization(FileRoute route, RequestTransformPlan transforms)
    {
        var addClaims = route.AddClaimsToRequest.Select(p => ValueSource.Parse(p.Key, p.Value)).ToArray();
        var required = route.RouteClaimsRequirement.Select(p => ClaimRequirement.Parse(p.Key, p.Value)).ToArray();
        var pathValues = route.ChangeDownstreamPathTemplate.Select(p => ValueSource.Parse(p.Key, p.Value)).ToArray();
        var forTransforms = transforms.AddHeaders.Concat(transforms.AddQueries).Where(v => v.Claim is not null).ToArray();
        return addClaims.Length == 0 && required.Length == 0 && pathValues.Length == 0 && forTransforms.Length == 0
            ? null
            : new AuthorizationPolicy
            {
                AddClaims = addClaims,
                RequiredClaims = required,
                PathValues = pathValues,
                RequiredForTransforms = forTransforms,
            };
    }
}
