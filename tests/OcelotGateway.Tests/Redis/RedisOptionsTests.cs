using System.ComponentModel.DataAnnotations;
using OcelotGateway.Redis;

namespace OcelotGateway.Tests.Redis;

/// <summary>A Redis configuration string that cannot work stops the host at start-up, naming the setting but not a password.</summary>
public sealed class RedisOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1:6379")]
    [InlineData("redis:6379,password=s3cret,ssl=false")]
    public void Validate_UsableOrAbsentConfiguration_IsValid(string? configuration) =>
        Assert.True(IsValid(new RedisOptions { Configuration = configuration }, out _));

    [Theory]
    [InlineData("password=s3cret")]
    [InlineData("127.0.0.1:6379,connectTimeout=soon,password=s3cret")]
    public void Validate_UnusableConfiguration_IsAnErrorWithoutThePassword(string configuration)
    {
        Assert.False(IsValid(new RedisOptions { Configuration = configuration }, out var results));

        var error = Assert.Single(results);
        Assert.Equal([nameof(RedisOptions.Configuration)], error.MemberNames);
        Assert.DoesNotContain("s3cret", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.005", false)]
    [InlineData("00:00:00.250", true)]
    [InlineData("00:00:11", false)]
    public void Validate_OperationTimeout_IsBounded(string timeout, bool valid) =>
        Assert.Equal(valid, IsValid(new RedisOptions { OperationTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) }, out _));

    private static bool IsValid(RedisOptions options, out List<ValidationResult> results)
    {
        results = [];
        return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
    }
}
