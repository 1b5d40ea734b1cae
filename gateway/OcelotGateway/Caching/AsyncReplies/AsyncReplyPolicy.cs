using OcelotGateway.Configuration.File;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>A route's compiled <c>AsyncRequestReply</c> options (our extension); null on the route when off.</summary>
public sealed class AsyncReplyPolicy
{
    public const int DefaultTtlSeconds = 10;
    public const int DefaultRetryAfterSeconds = 1;
    public const string DefaultKeyHeader = "X-Request-Key";

    /// <summary>How long a finished response stays readable.</summary>
    public required TimeSpan Ttl { get; init; }

    public required int RetryAfterSeconds { get; init; }

    /// <summary>Request header carrying the request key downstream.</summary>
    public required string KeyHeader { get; init; }

    public static AsyncReplyPolicy? Compile(FileAsyncRequestReplyOptions? options)
    {
        if (options is null || options.Enabled == false)
        {
            return null;
        }

        return new AsyncReplyPolicy
        {
            Ttl = TimeSpan.FromSeconds(options.TtlSeconds is > 0 ? options.TtlSeconds.Value : DefaultTtlSeconds),
            RetryAfterSeconds = options.RetryAfterSeconds is > 0 ? options.RetryAfterSeconds.Value : DefaultRetryAfterSeconds,
            KeyHeader = string.IsNullOrWhiteSpace(options.KeyHeader) ? DefaultKeyHeader : options.KeyHeader.Trim(),
        };
    }
}
