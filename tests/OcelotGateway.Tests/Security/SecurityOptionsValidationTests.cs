using System.ComponentModel.DataAnnotations;
using OcelotGateway.Administration;
using OcelotGateway.Security;

namespace OcelotGateway.Tests.Security;

/// <summary>Start-up validation of <c>Gateway:Cors</c>, <c>Gateway:Security</c> and <c>Gateway:Administration</c>.</summary>
public sealed class SecurityOptionsValidationTests
{
    [Fact]
    public void Cors_WildcardWithCredentials_IsRejected()
    {
        var errors = Validate(new GatewayCorsOptions { AllowedOrigins = ["*"], AllowCredentials = true });

        Assert.Contains(errors, e => e.Contains("cannot be combined with AllowCredentials", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://app.example.com", true)]
    [InlineData("http://localhost:3000", true)]
    [InlineData("*", true)]
    [InlineData("https://app.example.com/path", false)]
    [InlineData("app.example.com", false)]
    [InlineData("ftp://files.example.com", false)]
    public void Cors_OriginForms(string origin, bool valid)
    {
        Assert.Equal(valid, Validate(new GatewayCorsOptions { AllowedOrigins = [origin] }).Count == 0);
    }

    [Fact]
    public void Cors_OffWithoutOrigins()
    {
        Assert.False(new GatewayCorsOptions { AllowedMethods = ["GET"] }.IsEnabled);
    }

    [Fact]
    public void TrustedProxies_BadEntry_IsNamed()
    {
        var errors = Validate(new ClientAddressOptions { TrustedProxies = ["10.0.0.0/8", "proxy.local"] });

        Assert.Equal("TrustedProxies[1] 'proxy.local' is not an IP address, range or network.", Assert.Single(errors));
    }

    [Fact]
    public void Administration_EnabledByKeyOrScheme_ShortKeyRejected()
    {
        Assert.False(new AdministrationOptions().IsEnabled);
        Assert.True(new AdministrationOptions { AuthenticationScheme = "Admin" }.IsEnabled);
        Assert.Contains(Validate(new AdministrationOptions { ApiKey = "short" }), e => e.Contains("at least 16", StringComparison.Ordinal));
    }

    private static List<string> Validate(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage ?? string.Empty)];
    }
}
