using System.ComponentModel.DataAnnotations;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>Gateway-wide settings of asynchronous request-reply (section <c>Gateway:AsyncRequestReply</c>).</summary>
public sealed class AsyncRequestReplyOptions
{
    public const string SectionName = "Gateway:AsyncRequestReply";

    /// <summary>Where clients poll: <c>GET {PollPath}/{key}</c> (default <c>/.gateway/replies</c>). Never routed downstream.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^/[^?#]*[^/?#]$", ErrorMessage = "PollPath must start with '/' and not end with '/'.")]
    public string PollPath { get; set; } = "/.gateway/replies";

    /// <summary>Largest request body accepted for an asynchronous request (default 1 MiB); larger ones get 413.</summary>
    [Range(0, int.MaxValue)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}
