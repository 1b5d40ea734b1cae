using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// The two keys of an asynchronous request. The request key, a SHA-256 over method, path, query, the client's identity and the
/// body (a form post's fields are its body), finds a pending identical request of the same client; anyone who knows the
/// request can compute it, so it never reads a reply. The poll key, 256 random bits issued by the gateway and revealed only
/// by the 202 answer, is what a reply is read with.
/// </summary>
internal static class AsyncReplyKey
{
    public const int Length = 64;

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string Compose(string method, string path, string query, string owner, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, Encoding.UTF8.GetBytes(method.ToUpperInvariant()));
        Append(hash, Encoding.UTF8.GetBytes(path));
        Append(hash, Encoding.UTF8.GetBytes(query));
        Append(hash, Encoding.UTF8.GetBytes(owner));
        Append(hash, body);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>A new poll key: 32 bytes from the operating system's cryptographic random generator, as lowercase hex.</summary>
    public static string NewPollKey() => RandomNumberGenerator.GetHexString(Length, lowercase: true);

    /// <summary>Only strings that could be poll keys are looked up.</summary>
    public static bool IsWellFormed(string key) => key.Length == Length && key.AsSpan().IndexOfAnyExcept(LowerHex) < 0;

    private static void Append(IncrementalHash hash, ReadOnlySpan<byte> part)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
        hash.AppendData(length);
        hash.AppendData(part);
    }
}
