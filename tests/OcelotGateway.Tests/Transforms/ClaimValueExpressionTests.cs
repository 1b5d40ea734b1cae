using System.Security.Claims;
using OcelotGateway.Transforms;

namespace OcelotGateway.Tests.Transforms;

public sealed class ClaimValueExpressionTests
{
    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity(
        [new Claim("sub", "usr-1"), new Claim("role", "admin"), new Claim("role", "ops"), new Claim("path", "a|b|c")],
        "test"));

    [Theory]
    [InlineData("Claims[sub] > value", "usr-1")]
    [InlineData("Claims[role] > value", "admin,ops")]
    [InlineData("Claims[path] > value[1] > |", "b")]
    public void Resolve_ReadsClaim(string expression, string expected)
    {
        Assert.True(ClaimValueExpression.TryParse(expression, out var parsed));
        Assert.True(parsed.TryResolve(User, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("Claims[missing] > value")]
    [InlineData("Claims[path] > value[7] > |")]
    public void Resolve_MissingClaimOrIndex_Fails(string expression)
    {
        Assert.True(ClaimValueExpression.TryParse(expression, out var parsed));
        Assert.False(parsed.TryResolve(User, out _));
    }

    [Fact]
    public void Parse_PlainValue_IsNotAClaimExpression() => Assert.False(ClaimValueExpression.TryParse("static", out _));
}
