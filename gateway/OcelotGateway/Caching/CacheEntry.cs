using Microsoft.AspNetCore.Http;

namespace OcelotGateway.Caching;

/// <summary>
/// A stored response with the request header values it was produced for, for every header its <c>Vary</c> names. It is served
/// only to requests sending the same values; a request with other values is a miss and its response replaces the entry.
/// </summary>
internal sealed class CacheEntry
{
    public required CachedResponse Response { get; init; }

    /// <summary>Lower-case header name and the producing request's value (empty when it sent none).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Varied { get; init; }

    public bool Matches(HttpRequest request)
    {
        foreach (var (name, value) in Varied)
        {
            if (!string.Equals(request.Headers[name].ToString(), value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
