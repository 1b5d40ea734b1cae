using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OcelotGateway.Caching.AsyncReplies;

/// <summary>
/// The request key: SHA-256 over method, path, query, the client's identity and the body (a form post's fields are its body).
/// The identity is part of it so that two clients asking the same thing never share a key, and a result has one owner.
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

    /// <summary>Only strings that could be keys are looked up.</summary>
    public static bool IsWellFormed(string key) => key.Length == Length && key.AsSpan().IndexOfAnyExcept(LowerHex) < 0;

    private static void Append(IncrementalHash hash, ReadOnlySpan<byte> part)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
        hash.AppendData(length);
        hash.AppendData(part);
    }
}
