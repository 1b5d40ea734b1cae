using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace OcelotGateway.IntegrationTests.Infrastructure;

/// <summary>JWTs minted with a test-only symmetric key, and the gateway settings that trust them.</summary>
public static class TestTokens
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "gateway";
    public const string Scheme = "TestKey";

    private static readonly byte[] Key = "test-only-signing-key-with-enough-bytes!!"u8.ToArray();

    public static void Trust(GatewayOptionsBuilder options, string scheme = Scheme) => Trust(options, scheme, Issuer);

    /// <summary>Declares a scheme that accepts only tokens of <paramref name="issuer"/> (see <see cref="MintFrom"/>).</summary>
    public static void Trust(GatewayOptionsBuilder options, string scheme, string issuer)
    {
        options.Settings[$"Authentication:Schemes:{scheme}:ValidIssuer"] = issuer;
        options.Settings[$"Authentication:Schemes:{scheme}:ValidAudiences:0"] = Audience;
        options.Settings[$"Authentication:Schemes:{scheme}:SigningKeys:0:Issuer"] = issuer;
        options.Settings[$"Authentication:Schemes:{scheme}:SigningKeys:0:Value"] = Convert.ToBase64String(Key);
    }

    public static string Mint(params (string Type, string Value)[] claims) => Mint(TimeSpan.FromMinutes(5), claims);

    public static string Mint(TimeSpan lifetime, params (string Type, string Value)[] claims) => MintFrom(Issuer, lifetime, claims);

    /// <summary>A token of another issuer: only schemes trusting that issuer accept it.</summary>
    /// <remarks>A lifetime of minus several minutes gives a token expired beyond the bearer handler's 5-minute clock skew.</remarks>
    public static string MintFrom(string issuer, TimeSpan lifetime, params (string Type, string Value)[] claims)
    {
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(
            issuer,
            Audience,
            claims.Select(c => new Claim(c.Type, c.Value)),
            // A negative lifetime mints an expired token; it must still have been valid once.
            (lifetime > TimeSpan.Zero ? now : now + lifetime).AddMinutes(-1),
            now + lifetime,
            new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
