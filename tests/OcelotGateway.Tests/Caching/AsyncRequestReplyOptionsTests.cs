using System.ComponentModel.DataAnnotations;
using OcelotGateway.Caching.AsyncReplies;

namespace OcelotGateway.Tests.Caching;

/// <summary>The bounds of asynchronous request-reply are checked at start-up: a setting that contradicts another is named.</summary>
public sealed class AsyncRequestReplyOptionsTests
{
    [Fact]
    public void Defaults_AreValid() => Assert.Empty(Errors(new AsyncRequestReplyOptions()));

    [Theory]
    [InlineData(nameof(AsyncRequestReplyOptions.MaxPendingPerClient))]
    [InlineData(nameof(AsyncRequestReplyOptions.MaxPending))]
    [InlineData(nameof(AsyncRequestReplyOptions.MaxConcurrentCalls))]
    [InlineData(nameof(AsyncRequestReplyOptions.MaxStoredReplies))]
    [InlineData(nameof(AsyncRequestReplyOptions.MaxStoredBytes))]
    public void Validate_ZeroBound_IsAnErrorNamingTheSetting(string setting)
    {
        var options = new AsyncRequestReplyOptions();
        var property = typeof(AsyncRequestReplyOptions).GetProperty(setting)!;
        property.SetValue(options, property.PropertyType == typeof(long) ? 0L : (object)0);

        Assert.Contains(Errors(options), e => e.MemberNames.Contains(setting));
    }

    [Fact]
    public void Validate_ContradictoryBounds_AreErrorsNamingTheSetting()
    {
        var options = new AsyncRequestReplyOptions
        {
            MaxPending = 10,
            MaxPendingPerClient = 11,
            MaxStoredReplies = 9,
            MaxRequestBodyBytes = 1000,
            MaxPendingBodyBytes = 999,
            MaxResponseBodyBytes = 1000,
            MaxStoredBytes = 999,
        };

        var members = Errors(options).SelectMany(e => e.MemberNames).ToList();

        Assert.Equal(
            [nameof(options.MaxPendingPerClient), nameof(options.MaxStoredReplies), nameof(options.MaxPendingBodyBytes), nameof(options.MaxStoredBytes)],
            members);
    }

    private static List<ValidationResult> Errors(AsyncRequestReplyOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (results.Count == 0)
        {
            results.AddRange(options.Validate(new ValidationContext(options)));
        }

        return results;
    }
}
