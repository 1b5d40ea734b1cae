using System.Security.Claims;
using OcelotGateway.Security;

namespace OcelotGateway.Tests.Security;

public sealed class CallerIdentityTests
{
    [Fact]
    public void Of_TheSubClaimWithItsIssuer_FirstOfAll()
    {
        var user = User(new Claim("sub", "alice", null, "https://a"), new Claim(ClaimTypes.NameIdentifier, "other"), new Claim(ClaimTypes.Name, "Alice"));

        Assert.Equal("https://a\nalice", CallerIdentity.Of(user));
    }

    [Fact]
    public void Of_SameSubjectFromTwoIssuers_AreTwoCallers()
    {
        Assert.NotEqual(
            CallerIdentity.Of(User(new Claim("sub", "1", null, "https://a"))),
            CallerIdentity.Of(User(new Claim("sub", "1", null, "https://b"))));
    }

    [Fact]
    public void Of_FallsBackToNameIdentifier_ThenName()
    {
        Assert.Equal("LOCAL AUTHORITY\nid-7", CallerIdentity.Of(User(new Claim(ClaimTypes.NameIdentifier, "id-7"))));
        Assert.Equal("LOCAL AUTHORITY\nAlice", CallerIdentity.Of(User(new Claim(ClaimTypes.Name, "Alice"))));
    }

    [Fact]
    public void Of_AnonymousOrNameless_IsNull()
    {
        Assert.Null(CallerIdentity.Of(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice")]))));
        Assert.Null(CallerIdentity.Of(User(new Claim("scope", "read"))));
        Assert.Null(CallerIdentity.Of(User(new Claim("sub", string.Empty))));
        Assert.Null(CallerIdentity.Of(null));
    }

    private static ClaimsPrincipal User(params Claim[] claims) => new(new ClaimsIdentity(claims, "Bearer"));
}
