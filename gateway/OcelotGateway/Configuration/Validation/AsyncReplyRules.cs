using System.Globalization;
using OcelotGateway.Configuration.File;

namespace OcelotGateway.Configuration.Validation;

/// <summary>
/// <c>AsyncRequestReply</c> (our extension): replies are kept for a bounded time, clients are told a sensible poll interval,
/// and the key header is a valid header name.
/// </summary>
internal static class AsyncReplyRules
{
    /// <summary>Longest a reply may be kept: replies are for polling soon after the call, not for storage.</summary>
    public const int MaxTtlSeconds = 3600;

    public static void Check(FileAsyncRequestReplyOptions? options, ProblemScope scope)
    {
        if (options is null || options.Enabled == false)
        {
            return;
        }

        const string Section = nameof(FileRoute.AsyncRequestReply) + ".";
        if (options.TtlSeconds is < 1 or > MaxTtlSeconds)
        {
            scope.Error(Section + nameof(options.TtlSeconds), string.Create(CultureInfo.InvariantCulture, $"{options.TtlSeconds} must be 1 to {MaxTtlSeconds} seconds"));
        }

        if (options.RetryAfterSeconds is < 1 or > MaxTtlSeconds)
        {
            scope.Error(Section + nameof(options.RetryAfterSeconds), string.Create(CultureInfo.InvariantCulture, $"{options.RetryAfterSeconds} must be 1 to {MaxTtlSeconds} seconds"));
        }

        if (options.KeyHeader is { } header && header.Trim().Length == 0)
        {
            scope.Error(Section + nameof(options.KeyHeader), "an empty name is not a valid header name");
        }

        WrittenHeaderRules.CheckName(options.KeyHeader, Section + nameof(options.KeyHeader), scope);
    }
}
