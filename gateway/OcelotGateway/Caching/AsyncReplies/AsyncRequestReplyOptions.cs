using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// Gateway-wide settings of asynchronous request-reply (section <c>Gateway:AsyncRequestReply</c>), including the bounds on
/// what one instance takes on: pending requests per client and in total, background calls running at once, and replies kept.
/// </summary>
public sealed class AsyncRequestReplyOptions : IValidatableObject
{
    public const string SectionName = "Gateway:AsyncRequestReply";

    /// <summary>Where clients poll: <c>GET {PollPath}/{key}</c> (default <c>/.gateway/replies</c>). Never routed downstream.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^/[^?#]*[^/?#]$", ErrorMessage = "PollPath must start with '/' and not end with '/'.")]
    public string PollPath { get; set; } = "/.gateway/replies";

    /// <summary>Largest request body accepted for an asynchronous request (default 1 MiB); larger ones get 413.</summary>
    [Range(0, int.MaxValue)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Requests of one client (its user or client id) waiting for or in their downstream call (default 16); beyond, 429.</summary>
    [Range(1, 1_000_000)]
    public int MaxPendingPerClient { get; set; } = 16;

    /// <summary>Requests of all clients waiting for or in their downstream call on this instance (default 256); beyond, 503.</summary>
    [Range(1, 1_000_000)]
    public int MaxPending { get; set; } = 256;

    /// <summary>Request bodies this instance holds for pending requests, in bytes (default 32 MiB); beyond, 503.</summary>
    [Range(0, long.MaxValue)]
    public long MaxPendingBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Background downstream calls running at once on this instance (default 16); the other pending requests queue.</summary>
    [Range(1, 4096)]
    public int MaxConcurrentCalls { get; set; } = 16;

    /// <summary>Replies this instance keeps for polling, pending ones included (default 4096); beyond, 503 until some expire.</summary>
    [Range(1, 10_000_000)]
    public int MaxStoredReplies { get; set; } = 4096;

    /// <summary>Bytes of the replies this instance keeps for polling (default 64 MiB); beyond, 503 until some expire.</summary>
    [Range(1, long.MaxValue)]
    public long MaxStoredBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest downstream response body kept as a reply (default 1 MiB); a larger one is replaced by a 502 problem.</summary>
    [Range(0, int.MaxValue)]
    public int MaxResponseBodyBytes { get; set; } = 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxPendingPerClient > MaxPending)
        {
            yield return new ValidationResult(
                $"MaxPendingPerClient ({MaxPendingPerClient}) must not exceed MaxPending ({MaxPending}).", [nameof(MaxPendingPerClient)]);
        }

        if (MaxStoredReplies < MaxPending)
        {
            yield return new ValidationResult(
                $"MaxStoredReplies ({MaxStoredReplies}) must be at least MaxPending ({MaxPending}): every pending request becomes a stored reply.",
                [nameof(MaxStoredReplies)]);
        }

        if (MaxPendingBodyBytes < MaxRequestBodyBytes)
        {
            yield return new ValidationResult(
                $"MaxPendingBodyBytes ({MaxPendingBodyBytes}) must be at least MaxRequestBodyBytes ({MaxRequestBodyBytes}), or the largest allowed request could never be accepted.",
                [nameof(MaxPendingBodyBytes)]);
        }

        if (MaxStoredBytes < MaxResponseBodyBytes)
        {
            yield return new ValidationResult(
                $"MaxStoredBytes ({MaxStoredBytes}) must be at least MaxResponseBodyBytes ({MaxResponseBodyBytes}), or the largest allowed reply could never be kept.",
                [nameof(MaxStoredBytes)]);
        }
    }
}
