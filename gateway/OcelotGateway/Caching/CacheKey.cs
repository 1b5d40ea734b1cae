using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OcelotGateway.Caching;

/// <summary>
/// Ocelot's cache key: the downstream method, the full downstream URL (chosen host and query included), the value of the
/// policy's header, and the request body when content hashing is on. Ocelot joins them with '-' and takes an MD5; we take a
/// SHA-256 and prefix every part with its length, so parts cannot run into each other ("a-b" + "c" vs "a" + "b-c").
/// The inputs are the same, so the same requests share an entry as in Ocelot.
/// </summary>
public static class CacheKey
{
    public static string Compose(string method, string downstreamUrl, string? headerValue, ReadOnlySpan<byte> body, bool includeBody)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendText(hash, method.ToUpperInvariant());
        AppendText(hash, downstreamUrl);
        AppendText(hash, headerValue ?? string.Empty);
        if (includeBody)
        {
            AppendLength(hash, body.Length);
            hash.AppendData(body);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    private static void AppendText(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        AppendLength(hash, bytes.Length);
        hash.AppendData(bytes);
    }

    private static void AppendLength(IncrementalHash hash, int length)
    {
        Span<byte> prefix = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, length);
        hash.AppendData(prefix);
    }
}
