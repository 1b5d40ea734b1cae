using OcelotGateway.Configuration.File;
using OcelotGateway.Security;
using OcelotGateway.Transforms;

namespace OcelotGateway.Tests.Security;

public sealed class SecurityPolicyCompilerTests
{
    [Fact]
    public void CompileAuthentication_LegacyKeyFirst_ThenKeysInOrder_WithoutBlanksOrRepeats()
    {
        var policy = SecurityPolicyCompiler.CompileAuthentication(new FileAuthenticationOptions
        {
            AuthenticationProviderKey = "Corporate",
            AuthenticationProviderKeys = ["Partners", " ", "Corporate", "Legacy"],
            AllowedScopes = ["orders.read", ""],
        });

        Assert.NotNull(policy);
        Assert.Equal(["Corporate", "Partners", "Legacy"], policy.Schemes);
        Assert.Equal(["orders.read"], policy.AllowedScopes);
    }

    [Fact]
    public void CompileAuthentication_AllowAnonymousOrNoScheme_IsOpen()
    {
        Assert.Null(SecurityPolicyCompiler.CompileAuthentication(new FileAuthenticationOptions { AuthenticationProviderKey = "Corporate", AllowAnonymous = true }));
        Assert.Null(SecurityPolicyCompiler.CompileAuthentication(new FileAuthenticationOptions { AllowedScopes = ["orders.read"] }));
        Assert.Null(SecurityPolicyCompiler.CompileAuthentication(null));
    }

    [Fact]
    public void CompileAuthorization_CollectsClaimRulesAndClaimBasedTransforms_StaticValuesNeedNoClaims()
    {
        var route = new FileRoute
        {
            RouteClaimsRequirement = new() { ["sub"] = "{userId}", ["UserType"] = "registered" },
            ChangeDownstreamPathTemplate = new() { ["tenant"] = "Claims[tenant] > value" },
        };
        var transforms = new RequestTransformPlan(
            [],
            [ValueSource.Parse("X-User", "Claims[sub] > value"), ValueSource.Parse("X-Static", "fixed")],
            [ValueSource.Parse("customer", "Claims[customer] > value[1] > |")]);

        var policy = SecurityPolicyCompiler.CompileAuthorization(route, transforms);

        Assert.NotNull(policy);
        Assert.Contains(new ClaimRequirement("sub", null, "userId"), policy.RequiredClaims);
        Assert.Contains(new ClaimRequirement("UserType", "registered", null), policy.RequiredClaims);
        Assert.Equal("tenant", Assert.Single(policy.PathValues).Name);
        Assert.Equal(["X-User", "customer"], policy.RequiredForTransforms.Select(v => v.Name));
    }

    [Fact]
    public void CompileAuthorization_OnlyStaticValues_NeedsNoAuthorizationStep()
    {
        var transforms = new RequestTransformPlan([], [ValueSource.Parse("X-Static", "fixed")], []);

        Assert.Null(SecurityPolicyCompiler.CompileAuthorization(new FileRoute(), transforms));
    }
}
