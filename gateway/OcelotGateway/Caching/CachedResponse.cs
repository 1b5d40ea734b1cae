using Microsoft.Extensions.Primitives;

namespace OcelotGateway.Caching;

/// <summary>
/// A complete downstream response as the client received it: status, reason phrase, headers (content headers such as
/// <c>Content-Type</c> and <c>Expires</c> included) and body, with the moment it was stored (for <c>Age</c>).
/// </summary>
public sealed class CachedResponse
{
    public required int StatusCode { get; init; }

    /// <summary>Only set when downstream sent a non-standard phrase.</summary>
    public string? ReasonPhrase { get; init; }

    public required IReadOnlyList<KeyValuePair<string, StringValues>> Headers { get; init; }

    public required ReadOnlyMemory<byte> Body { get; init; }

    public required DateTimeOffset StoredAt { get; init; }
}
