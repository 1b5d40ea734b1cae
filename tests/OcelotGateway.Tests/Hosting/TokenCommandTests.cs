using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OcelotGateway.Hosting;

namespace OcelotGateway.Tests.Hosting;

public sealed class TokenCommandTests
{
    private const string Key = "7df3zZdb02HpB6iejVhUwECuFf9O+XrdSZOpKgsE//Q=";

    private static readonly IConfiguration Samples = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Authentication:Schemes:Samples:ValidIssuer"] = "samples",
        ["Authentication:Schemes:Samples:ValidAudiences:0"] = "gateway",
        ["Authentication:Schemes:Samples:SigningKeys:0:Issuer"] = "samples",
        ["Authentication:Schemes:Samples:SigningKeys:0:Value"] = Key,
    }).Build();

    [Fact]
    public async Task Run_InDevelopment_PrintsATokenTheSchemeAccepts()
    {
        var output = new StringWriter();

        var code = await TokenCommand.RunAsync(["token", "--scope", "finance.write", "--sub", "bob"], "Development", Samples, output, new StringWriter());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(output.ToString().Trim(), new TokenValidationParameters
        {
            ValidIssuer = "samples",
            ValidAudience = "gateway",
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(Key)),
        });

        Assert.Equal(0, code);
        Assert.True(result.IsValid);
        Assert.Equal("bob", result.Claims["sub"]);
        Assert.Equal("finance.write", result.Claims["scope"]);
    }

    [Fact]
    public async Task Run_Help_PrintsUsageAndExitsZero()
    {
        var output = new StringWriter();

        var code = await TokenCommand.RunAsync(["token", "--help"], "Production", Samples, output, new StringWriter());

        Assert.Equal(0, code);
        Assert.StartsWith("usage: token --scope SCOPE", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OutsideDevelopment_Refuses()
    {
        var error = new StringWriter();

        var code = await TokenCommand.RunAsync(["token", "--scope", "finance.write"], "Production", Samples, new StringWriter(), error);

        Assert.Equal(1, code);
        Assert.Contains("Development environment only", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("token --sub alice")]
    [InlineData("token --scope")]
    [InlineData("token --scope a --minutes 0")]
    public async Task Run_BadArguments_Exit2(string arguments)
    {
        var code = await TokenCommand.RunAsync(arguments.Split(' '), "Development", Samples, new StringWriter(), new StringWriter());

        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Run_SchemeWithoutSymmetricKey_Exit1()
    {
        var code = await TokenCommand.RunAsync(["token", "--scope", "a", "--scheme", "Other"], "Development", Samples, new StringWriter(), new StringWriter());

        Assert.Equal(1, code);
    }
}
