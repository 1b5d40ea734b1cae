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

    public static void Trust(GatewayOptionsBuilder options, string scheme = Scheme)
    {
        options.Settings[$"Authentication:Schemes:{scheme}:ValidIssuer"] = Issuer;
        options.Settings[$"Authentication:Schemes:{scheme}:ValidAudiences:0"] = Audience;
        options.Settings[$"Authentication:Schemes:{scheme}:SigningKeys:0:Issuer"] = Issuer;
        options.Settings[$"Authentication:Schemes:{scheme}:SigningKeys:0:Value"] = Convert.ToBase64String(Key);
    }

    public static string Mint(params (string Type, string Value)[] claims) => Mint(TimeSpan.FromMinutes(5), claims);

    public static string Mint(TimeSpan lifetime, params (string Type, string Value)[] claims)
    {
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(
            Issuer,
            Audience,
            claims.Select(c => new Claim(c.Type, c.Value)),
            now.AddMinutes(-1),
            now + lifetime,
            new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
